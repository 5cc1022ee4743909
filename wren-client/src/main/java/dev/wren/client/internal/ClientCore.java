package dev.wren.client.internal;

import dev.wren.client.ClientOptions;
import dev.wren.client.ConnectResult;
import dev.wren.client.ConnectionEvent;
import dev.wren.client.InMemoryOutboundStore;
import dev.wren.client.Message;
import dev.wren.client.MqttClientException;
import dev.wren.client.OutboundStore;
import dev.wren.client.PublishResult;
import dev.wren.client.SubscribeResult;
import dev.wren.client.UnsubscribeResult;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Subscription;
import java.util.List;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingResp;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection life cycle of one client: connect, CONNACK, keep-alive, server DISCONNECT,
 * automatic reconnect with back-off, user disconnect. Session-level protocol lives in
 * {@link SessionState}; this class feeds it and reports {@link ConnectionEvent}s.
 *
 * <p>Not thread-safe: every method but {@link #execute}, {@link #isConnected()} and
 * {@link #clientId()} must run on {@link #loop()}; public entry points of {@code MqttClient}
 * hop there with {@link #execute}.
 */
public final class ClientCore implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCore.class);

    private final ClientOptions options;
    private final EventLoop loop;
    private final SessionState session;
    private final OutboundStore store;
    private final Backoff backoff;
    private final Connector connector;
    private final Consumer<Message> sink;
    private final Auths auths;
    private Connection connection;
    private CompletableFuture<ConnectResult> pendingConnect;
    private CompletableFuture<Void> pendingDisconnect;
    private boolean wanted;
    private boolean closed;
    private boolean everConnected;
    private int attempt;
    private volatile boolean connected;
    private volatile String clientId;

    public ClientCore(ClientOptions options, EventLoop loop, Consumer<Message> sink) {
        this.options = options;
        this.loop = loop;
        this.sink = sink;
        this.store = options.outboundStore() != null ? options.outboundStore() : new InMemoryOutboundStore();
        this.session = new SessionState(options, store, this::emit);
        this.backoff = new Backoff(options.reconnectPolicy(), new Random());
        this.connector = new Connector(options, loop, new ClientChannelHandler(this));
        this.auths = new Auths(options.authHandler(), this);
        this.clientId = options.clientId();
    }

    /**
     * Runs {@code task} on the client's event loop, always through its task queue, even when
     * called on the loop: running it inline would overtake tasks other threads queued earlier,
     * so operations would not take effect in the order they were called.
     */
    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    public EventLoop loop() {
        return loop;
    }

    /** Accepts a message for publishing; see {@link OutboundFlow}. */
    public CompletableFuture<PublishResult> publish(Message message) {
        return closed ? Failures.failed(Failures.local("client is closed")) : session.publish(message);
    }

    public CompletableFuture<SubscribeResult> subscribe(List<Subscription> subs, int identifier,
            List<UserProperty> props) {
        return closed ? Failures.failed(Failures.local("client is closed")) : session.subscribe(subs, identifier, props);
    }

    public CompletableFuture<UnsubscribeResult> unsubscribe(List<TopicFilter> filters, List<UserProperty> props) {
        return closed ? Failures.failed(Failures.local("client is closed")) : session.unsubscribe(filters, props);
    }

    /** Publishes accepted and not yet acknowledged. */
    public int pendingPublishes() {
        return session.inFlightCount() + session.queuedCount();
    }

    public boolean isConnected() {
        return connected;
    }

    public String clientId() {
        return clientId;
    }

    public ClientOptions options() {
        return options;
    }

    /** Connects (once; later calls join the pending attempt or return the current state). */
    public void connect(CompletableFuture<ConnectResult> result) {
        if (closed) {
            result.completeExceptionally(Failures.local("client is closed"));
            return;
        }
        if (pendingConnect != null) {
            pendingConnect.whenComplete((r, e) -> complete(result, r, e));
            return;
        }
        if (connection != null) {
            result.completeExceptionally(Failures.local("already connected or connecting"));
            return;
        }
        wanted = true;
        pendingConnect = result;
        open(everConnected ? ConnectPackets.cleanStartOnReconnect(options) : options.cleanStart());
    }

    private static <T> void complete(CompletableFuture<T> f, T value, Throwable error) {
        if (error != null) {
            f.completeExceptionally(error);
        } else {
            f.complete(value);
        }
    }

    private void open(boolean cleanStart) {
        ChannelFuture cf = connector.open();
        Connection c = new Connection(cf, this);
        connection = c;
        cf.channel().closeFuture().addListener(f -> onClosed(c));
        cf.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                c.close(Connector.refusedToConnect(options, f.cause()));
                return;
            }
            c.connect = ConnectPackets.build(options, clientId, cleanStart);
            if (!options.transport().signalsReady()) {
                c.sendConnect();
            }
            loop.schedule(() -> {
                if (!c.connAcked) {
                    c.close(Failures.local("no CONNACK from " + options.host() + ":" + options.port() + " within "
                            + options.connectTimeout().toMillis() + " ms"));
                }
            }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** The transport finished its own handshake (e.g. a WebSocket upgrade): CONNECT may go now. */
    void onTransportReady(Channel ch) {
        Connection c = current(ch);
        if (c != null) {
            c.sendConnect();
        }
    }

    void onPacket(Channel ch, MqttPacket packet) {
        Connection c = current(ch);
        if (c == null) {
            return;
        }
        switch (packet) {
            case ConnAck ack when !c.connAcked -> onConnAck(c, ack);
            case Auth auth -> auths.onAuth(c, auth);
            case Disconnect d -> onServerDisconnect(c, d);
            case PingResp p -> c.pingOutstanding = false;
            default -> {
                if (!c.connAcked || !session.onPacket(packet)) {
                    protocolViolation(c, ReasonCode.PROTOCOL_ERROR, "unexpected " + packet.type());
                }
            }
        }
    }

    private void onConnAck(Connection c, ConnAck ack) {
        ConnAckProperties p = ack.properties();
        if (ack.reasonCode().isError()) {
            c.close(new MqttClientException(ack.reasonCode(), "connection refused by " + options.host() + ":"
                    + options.port(), p.reasonString(), p.serverReference(), null));
            return;
        }
        c.connAcked = true;
        if (p.assignedClientIdentifier() != null) {
            clientId = p.assignedClientIdentifier();
        }
        int keepAlive = p.serverKeepAlive() >= 0 ? p.serverKeepAlive() : options.keepAliveSeconds();
        Connector.startKeepAlive(c.channel, keepAlive);
        CodecHandlers.serverMaximumPacketSize(c.channel, p.maximumPacketSize());
        auths.onConnected(p.authenticationData());
        session.onConnected(c, ack);
        everConnected = true;
        connected = true;
        attempt = 0;
        backoff.reset();
        ConnectResult result = new ConnectResult(ack.sessionPresent(), clientId, keepAlive, p);
        emit(new ConnectionEvent.Connected(result));
        if (pendingConnect != null) {
            CompletableFuture<ConnectResult> f = pendingConnect;
            pendingConnect = null;
            f.complete(result);
        }
    }

    private void onServerDisconnect(Connection c, Disconnect d) {
        c.serverDisconnect = d;
        c.close(new MqttClientException(d.reasonCode(), "disconnected by the server", d.reasonString(),
                d.serverReference(), null));
    }

    /** The encoder refused a QoS 1/2 PUBLISH as larger than the server accepts: fail just that message. */
    void onPublishTooLarge(Connection c, int packetId, RuntimeException cause) {
        if (current(c.channel) != null) {
            session.rejectPublish(packetId, new MqttClientException(ReasonCode.PACKET_TOO_LARGE,
                    "message larger than the server's Maximum Packet Size", cause.getMessage(), null, cause));
        }
    }

    void onMalformed(Channel ch, MalformedPacketException e) {
        Connection c = current(ch);
        if (c != null) {
            protocolViolation(c, e.reasonCode(), "malformed packet from the server: " + e.getMessage());
        }
    }

    void onChannelError(Channel ch, MqttClientException e) {
        Connection c = current(ch);
        if (c != null) {
            c.close(e);
        } else {
            ch.close();
        }
    }

    /** Sends DISCONNECT with {@code reason} (5.0 only) and closes (4.13.1: a SHOULD for the client, no statement id). */
    void protocolViolation(Connection c, ReasonCode reason, String why) {
        LOG.warn("closing connection to {}:{}: {}", options.host(), options.port(), why);
        if (options.version().isV5() && c.connAcked) {
            c.send(new Disconnect(reason, why));
            c.flushNow();
        }
        c.close(new MqttClientException(reason, "protocol violation by the server", why));
    }

    void onWritable(Channel ch) {
        Connection c = current(ch);
        if (c != null && c.connAcked) {
            session.onWritable();
        }
    }

    void onWriterIdle(Channel ch) {
        Connection c = current(ch);
        if (c != null && c.connAcked) {
            c.keepAlive();
        }
    }

    private void onClosed(Connection c) {
        if (connection != c) {
            return;
        }
        connection = null;
        connected = false;
        if (c.connAcked) {
            session.onDisconnected();
        }
        MqttClientException reason = c.endReason;
        if (reason == null) {
            // A failed TCP connect closes the channel before the connect listener runs.
            Throwable cause = c.connectFailure();
            reason = cause != null ? Connector.refusedToConnect(options, cause) : Failures.local("connection closed");
        }
        boolean retryFirst = pendingConnect != null && !everConnected && options.retryFirstConnect() && wanted
                && !closed && options.reconnectPolicy().enabled() && worthRetrying(reason);
        if (retryFirst) {
            LOG.info("cannot connect to {}:{} yet ({}); retrying", options.host(), options.port(), reason.getMessage());
        } else if (pendingConnect != null) {
            CompletableFuture<ConnectResult> f = pendingConnect;
            pendingConnect = null;
            wanted = false;
            f.completeExceptionally(reason);
        }
        boolean retry = wanted && !closed && options.reconnectPolicy().enabled();
        if (c.connAcked) {
            Disconnect d = c.serverDisconnect;
            emit(new ConnectionEvent.Disconnected(reason.reasonCode(), reason.reasonString(),
                    d != null ? d.serverReference() : reason.serverReference(),
                    c.closedByUser ? null : reason, retry));
        }
        if (pendingDisconnect != null) {
            pendingDisconnect.complete(null);
            pendingDisconnect = null;
        }
        if (retry) {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        attempt++;
        long delayNanos = backoff.nextDelay().toNanos();
        emit(new ConnectionEvent.Reconnecting(attempt));
        loop.schedule(() -> {
            if (wanted && !closed && connection == null) {
                open(everConnected ? ConnectPackets.cleanStartOnReconnect(options) : options.cleanStart());
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Whether another attempt could succeed: the network failed, or the server said it is
     * unavailable, busy, shutting down or over a rate or quota. Refusals about the client itself
     * (credentials, id, protocol, authorization, a malformed exchange) would be refused again.
     */
    private static boolean worthRetrying(MqttClientException reason) {
        ReasonCode code = reason.reasonCode();
        return code == null || switch (code) {
            case SERVER_UNAVAILABLE, SERVER_BUSY, SERVER_SHUTTING_DOWN, QUOTA_EXCEEDED, CONNECTION_RATE_EXCEEDED,
                    UNSPECIFIED_ERROR, IMPLEMENTATION_SPECIFIC_ERROR, KEEP_ALIVE_TIMEOUT -> true;
            default -> false;
        };
    }

    /** Sends DISCONNECT and closes; no reconnect follows. */
    public void disconnect(CompletableFuture<Void> done, long sessionExpiryInterval) {
        wanted = false;
        Connection c = connection;
        if (c == null) {
            if (pendingConnect != null) {
                // between two attempts of a retried first connect
                CompletableFuture<ConnectResult> f = pendingConnect;
                pendingConnect = null;
                f.completeExceptionally(Failures.local("disconnected by the application"));
            }
            done.complete(null);
            return;
        }
        c.closedByUser = true;
        if (pendingDisconnect != null) {
            pendingDisconnect.whenComplete((r, e) -> done.complete(null));
        } else {
            pendingDisconnect = done;
        }
        if (c.connAcked) {
            Disconnect d = new Disconnect(ReasonCode.NORMAL_DISCONNECTION, sessionExpiryInterval, null, null, null);
            c.channel.writeAndFlush(d).addListener(ChannelFutureListener.CLOSE);
        } else {
            c.close(Failures.local("disconnected by the application"));
        }
    }

    /** Disconnects and fails every waiting future; the client cannot be used afterwards. */
    public void close(CompletableFuture<Void> done) {
        CompletableFuture<Void> disconnected = new CompletableFuture<>();
        disconnect(disconnected, -1);
        disconnected.whenComplete((r, e) -> execute(() -> {
            closed = true;
            session.failAll("client closed");
            store.close();
            done.complete(null);
        }));
    }

    /** Pauses or resumes reading from the server: back-pressure from slow message consumers. */
    public void setReading(boolean read) {
        Connection c = connection;
        if (c != null) {
            c.channel.config().setAutoRead(read);
        }
    }

    void deliver(Message message) {
        try {
            sink.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("message handler failed for a message on '{}'", message.topic(), e);
        }
    }

    private void emit(ConnectionEvent event) {
        if (options.connectionListener() == null) {
            return;
        }
        try {
            options.connectionListener().onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("connection listener failed on {}", event, e);
        }
    }

    private Connection current(Channel ch) {
        Connection c = connection;
        return c != null && c.channel == ch ? c : null;
    }
}
