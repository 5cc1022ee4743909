package dev.wren.it.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A raw-socket MQTT client for wire-level tests: it sends whatever bytes or packets a test
 * asks for (including illegal ones) and reads whole packets back, with a bounded wait on every
 * read. Packets are encoded and decoded with the codec ({@link Wire}); the version used for
 * decoding follows the last CONNECT sent, or {@link #version(MqttVersion)}.
 *
 * <p>Not thread-safe: one test thread drives one client.
 */
public final class RawClient implements AutoCloseable {
    /** How long any expectation waits before it fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final FrameReader frames;
    private final OutputStream out;
    private MqttVersion version = MqttVersion.V5;
    private final java.util.ArrayDeque<MqttPacket> pending = new java.util.ArrayDeque<>();

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.frames = new FrameReader(socket, new BufferedInputStream(socket.getInputStream()), TIMEOUT);
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection to {@code 127.0.0.1:port}. */
    public static RawClient open(int port) {
        return open(port, 0);
    }

    /** Opens a connection with a small socket receive buffer ({@code receiveBuffer} bytes; 0 = default), for slow-consumer tests. */
    public static RawClient open(int port, int receiveBuffer) {
        try {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
            return new RawClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /** Sets the protocol version used to decode what the server sends. */
    public RawClient version(MqttVersion v) {
        this.version = v;
        return this;
    }

    public MqttVersion version() {
        return version;
    }

    // ---------------------------------------------------------------- sending

    /** Sends raw bytes. A write to a connection the server already closed is ignored. */
    public RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (SocketException e) {
            // The server may close first (that is often what the test expects); the
            // following expectation tells whether that was right.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends hex bytes such as {@code "c0 00"}. */
    public RawClient sendHex(String hex) {
        return send(Hex.bytes(hex));
    }

    /** Encodes {@code packet} for the current version and sends it. */
    public RawClient send(MqttPacket packet) {
        if (packet instanceof Connect c) {
            version = c.version();
        }
        return send(Wire.encode(packet, version));
    }

    // ---------------------------------------------------------------- connecting

    /** Sends CONNECT (clean, keep alive 60 s) and returns the CONNACK, whatever its reason. */
    public ConnAck connect(MqttVersion v, String clientId) {
        return connect(v, clientId, true);
    }

    public ConnAck connect(MqttVersion v, String clientId, boolean cleanStart) {
        return connect(new Connect(v, clientId, cleanStart, 60, null, null, null, ConnectProperties.DEFAULT));
    }

    public ConnAck connect(Connect connect) {
        send(connect);
        return expect(ConnAck.class);
    }

    /** Connects and asserts the CONNACK reports success. */
    public ConnAck connectOk(MqttVersion v, String clientId) {
        ConnAck ack = connect(v, clientId);
        assertThat(ack.reasonCode()).as("CONNACK reason").isEqualTo(ReasonCode.SUCCESS);
        return ack;
    }


    // ---------------------------------------------------------------- conveniences

    private int nextPacketId = 1;

    /** A packet identifier not used before by this client (1..65535, wrapping). */
    public int nextPacketId() {
        int id = nextPacketId;
        nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
        return id;
    }

    /** Subscribes to one filter and returns the SUBACK (its packet id checked) [MQTT-3.8.4-2]. */
    public SubAck subscribe(String filter, QoS qos) {
        return subscribe(Packets.subscribe(nextPacketId(), Packets.sub(filter, qos)));
    }

    public SubAck subscribe(Subscribe subscribe) {
        send(subscribe);
        SubAck ack = await(SubAck.class, a -> a.packetId() == subscribe.packetId());
        assertThat(ack.packetId()).as("SUBACK packet id").isEqualTo(subscribe.packetId());
        return ack;
    }

    public UnsubAck unsubscribe(String... filters) {
        Unsubscribe u = new Unsubscribe(nextPacketId(),
                java.util.Arrays.stream(filters).map(TopicFilter::new).toList());
        send(u);
        UnsubAck ack = await(UnsubAck.class, a -> a.packetId() == u.packetId());
        assertThat(ack.packetId()).as("UNSUBACK packet id").isEqualTo(u.packetId());
        return ack;
    }

    /** Publishes and completes the QoS flow (PUBACK, or PUBREC/PUBREL/PUBCOMP) as a well-behaved client. */
    public RawClient publish(String topic, String payload, QoS qos) {
        return publish(Packets.publish(topic, payload, qos, nextPacketId()));
    }

    /** Publishes a retained message and completes its QoS flow. */
    public RawClient publishRetained(String topic, String payload, QoS qos) {
        return publish(Packets.retained(topic, payload, qos, nextPacketId()));
    }

    public RawClient publish(Publish p) {
        Publish toSend = p.qos() != QoS.AT_MOST_ONCE && p.packetId() == 0 ? p.withPacketId(nextPacketId()) : p;
        send(toSend);
        switch (toSend.qos()) {
            case AT_MOST_ONCE -> { }
            case AT_LEAST_ONCE -> await(PubAck.class, a -> a.packetId() == toSend.packetId());
            case EXACTLY_ONCE -> {
                await(PubRec.class, a -> a.packetId() == toSend.packetId());
                send(new PubRel(toSend.packetId()));
                await(PubComp.class, a -> a.packetId() == toSend.packetId());
            }
        }
        return this;
    }

    /** Reads the next packet, asserts it is a PUBLISH and acknowledges it like a well-behaved client. */
    public Publish receive() {
        Publish p = expect(Publish.class);
        ack(p);
        return p;
    }

    /** Acknowledges a received PUBLISH: PUBACK for QoS 1, PUBREC + PUBREL/PUBCOMP exchange for QoS 2. */
    public void ack(Publish p) {
        switch (p.qos()) {
            case AT_MOST_ONCE -> { }
            case AT_LEAST_ONCE -> send(new PubAck(p.packetId()));
            case EXACTLY_ONCE -> {
                send(new PubRec(p.packetId()));
                await(PubRel.class, r -> r.packetId() == p.packetId());
                send(new PubComp(p.packetId()));
            }
        }
    }

    /** Sends a normal DISCONNECT (0x00) and waits for the server to close. */
    public void disconnect() {
        send(Disconnect.NORMAL);
        expectClosed();
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Reads the next whole packet (fixed header, remaining length, body). Fails the test if
     * nothing arrives within {@link #TIMEOUT}; returns {@code null} if the server closed the
     * connection.
     */
    public byte[] readFrame() {
        assertNothingPending();
        return readFrameFromSocket();
    }

    private byte[] readFrameFromSocket() {
        try {
            return readFrameOrNull(TIMEOUT);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no packet from the server within " + TIMEOUT);
        }
    }

    /** Reads and decodes the next packet; fails if the connection closes or nothing arrives. */
    public MqttPacket read() {
        MqttPacket stashed = pending.pollFirst();
        if (stashed != null) {
            return stashed;
        }
        return readFromSocket();
    }

    private MqttPacket readFromSocket() {
        byte[] frame = readFrameFromSocket();
        if (frame == null) {
            fail("expected a packet but the server closed the connection");
        }
        return Wire.decode(frame, version);
    }

    /** Reads the next packet and asserts its type. */
    public <T extends MqttPacket> T expect(Class<T> type) {
        MqttPacket p = read();
        assertThat(p).as("next packet from the server").isInstanceOf(type);
        return type.cast(p);
    }

    /** Asserts that the next bytes from the server are exactly {@code hex} (a whole packet). */
    public RawClient expectHex(String hex) {
        byte[] frame = readFrame();
        assertThat(frame).as("expected packet %s but the connection closed", hex).isNotNull();
        assertThat(Hex.format(frame)).isEqualTo(Hex.format(Hex.bytes(hex)));
        return this;
    }

    /** Asserts that the server closes the connection (EOF or reset) without sending anything. */
    public void expectClosed() {
        assertNothingPending();
        try {
            byte[] frame = readFrameOrNull(TIMEOUT);
            if (frame != null) {
                fail("expected the connection to close, but received " + describe(frame));
            }
        } catch (SocketTimeoutException e) {
            fail("the server did not close the connection within " + TIMEOUT);
        }
    }

    /**
     * Asserts the server ends the connection for {@code reason}: in MQTT 5 a DISCONNECT with
     * that reason code and then a close [MQTT-4.13.1-1]; in MQTT 3.x just a close.
     */
    public Disconnect expectDisconnect(ReasonCode reason) {
        if (!version.isV5()) {
            expectClosed();
            return null;
        }
        Disconnect d = expect(Disconnect.class);
        assertThat(d.reasonCode()).as("DISCONNECT reason code").isEqualTo(reason);
        expectClosed();
        return d;
    }

    /** Asserts that nothing arrives (and the connection stays open) for {@code quiet}. */
    public void expectNothingFor(Duration quiet) {
        assertNothingPending();
        try {
            byte[] frame = readFrameOrNull(quiet);
            if (frame == null) {
                fail("expected silence for " + quiet + " but the server closed the connection");
            }
            fail("expected silence for " + quiet + " but received " + describe(frame));
        } catch (SocketTimeoutException expected) {
            // silence, as expected
        }
    }

    /** Whether a packet (or part of one) is waiting to be read, without blocking. */
    public boolean hasData() {
        return !pending.isEmpty() || frames.available();
    }

    /**
     * Whether a packet starts to arrive within {@code wait}, without consuming it; false also if
     * the connection is closed. For draining an unknown number of packets.
     */
    public boolean hasDataWithin(Duration wait) {
        return !pending.isEmpty() || frames.peek(wait);
    }

    /** Whether the server has closed the connection, checked without waiting long. */
    public boolean isClosedByServer(Duration wait) {
        try {
            return readFrameOrNull(wait) == null;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Waits for the first packet of {@code type} matching {@code match}, looking at packets
     * read earlier first; packets read on the way are kept, in order, for later reads. Used for
     * acknowledgements, which may interleave with deliveries.
     */
    public <T extends MqttPacket> T await(Class<T> type, java.util.function.Predicate<T> match) {
        for (java.util.Iterator<MqttPacket> it = pending.iterator(); it.hasNext(); ) {
            MqttPacket p = it.next();
            if (type.isInstance(p) && match.test(type.cast(p))) {
                it.remove();
                return type.cast(p);
            }
        }
        while (true) {
            MqttPacket p = readFromSocket();
            if (type.isInstance(p) && match.test(type.cast(p))) {
                return type.cast(p);
            }
            pending.addLast(p);
        }
    }

    private void assertNothingPending() {
        if (!pending.isEmpty()) {
            fail("unexpected packets received earlier: " + pending);
        }
    }

    private String describe(byte[] frame) {
        try {
            return Wire.decode(frame, version) + " [" + Hex.format(frame) + "]";
        } catch (RuntimeException e) {
            return "[" + Hex.format(frame) + "]";
        }
    }

    private byte[] readFrameOrNull(Duration timeout) throws SocketTimeoutException {
        return frames.next(timeout);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
