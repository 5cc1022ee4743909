package dev.wren.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client over real sockets against {@link FakePeer}, a scripted server. */
class MqttClientTest {
    private FakePeer peer;
    private final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws InterruptedException {
        peer = new FakePeer();
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    private ClientOptionsBuilder options() {
        return ClientOptions.builder().host("127.0.0.1").port(peer.port()).clientId("c1")
                .reconnect(new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofMillis(50), 2.0))
                .connectionListener(events::add);
    }

    private static ConnAck ok(boolean sessionPresent) {
        return new ConnAck(sessionPresent, ReasonCode.SUCCESS);
    }

    private FakePeer.Conn connect(MqttClient client, ConnAck answer) throws Exception {
        CompletableFuture<ConnectResult> f = client.connectAsync();
        FakePeer.Conn conn = peer.accept();
        conn.expect(Connect.class);
        conn.send(answer);
        f.get(5, TimeUnit.SECONDS);
        return conn;
    }

    @Test
    void connect_emptyClientId_adoptsAssignedIdentifier() throws Exception {
        try (MqttClient client = MqttClient.create(options().clientId("").build())) {
            CompletableFuture<ConnectResult> f = client.connectAsync();
            FakePeer.Conn conn = peer.accept();
            Connect connect = conn.expect(Connect.class);
            assertThat(connect.clientId()).isEmpty();
            assertThat(connect.version()).isEqualTo(MqttVersion.V5);
            ConnAckProperties p = new ConnAckProperties(-1, 10, 2, true, 0, "assigned-1", 0, null, List.of(), true,
                    true, true, 30, null, null, null, null);
            conn.send(new ConnAck(false, ReasonCode.SUCCESS, p));
            ConnectResult r = f.get(5, TimeUnit.SECONDS);
            assertThat(r.clientId()).isEqualTo("assigned-1");
            assertThat(r.keepAliveSeconds()).isEqualTo(30);
            assertThat(client.clientId()).isEqualTo("assigned-1");
        }
    }

    @Test
    void connect_refused_failsWithReasonCode() throws Exception {
        try (MqttClient client = MqttClient.create(options().build())) {
            CompletableFuture<ConnectResult> f = client.connectAsync();
            FakePeer.Conn conn = peer.accept();
            conn.expect(Connect.class);
            conn.send(new ConnAck(false, ReasonCode.BAD_USER_NAME_OR_PASSWORD));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(MqttClientException.class);
            MqttClientException e = (MqttClientException) f.exceptionNow();
            assertThat(e.reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(e.getMessage()).contains("0x86");
        }
    }

    @Test
    void transportWithHandshake_connectWaitsForReady() throws Exception {
        CompletableFuture<io.netty.channel.Channel> channel = new CompletableFuture<>();
        Transport slow = new Transport() {
            @Override
            public void initChannel(io.netty.channel.Channel ch, String host, int port) {
                channel.complete(ch);
            }

            @Override
            public boolean signalsReady() {
                return true;
            }
        };
        try (MqttClient client = MqttClient.create(options().transport(slow).build())) {
            CompletableFuture<ConnectResult> f = client.connectAsync();
            FakePeer.Conn conn = peer.accept();
            conn.expectNothing(200);
            io.netty.channel.Channel ch = channel.get(5, TimeUnit.SECONDS);
            ch.eventLoop().execute(() -> ch.pipeline().fireUserEventTriggered(Transport.READY));
            conn.expect(Connect.class);
            conn.send(ok(false));
            assertThat(f.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void publish_afterClose_failsAtOnce() {
        MqttClient client = MqttClient.create(options().build());
        client.close();
        assertThat(client.publishAsync(Message.of("t", "x"))).failsWithin(Duration.ofSeconds(5));
    }

    @Test
    void connect_nothingListening_failsFast() {
        int port = peer.port();
        peer.close();
        try (MqttClient client = MqttClient.create(options().port(port).build())) {
            assertThatThrownBy(client::connect).isInstanceOf(MqttClientException.class)
                    .hasMessageContaining("cannot connect");
        }
    }

    @Test
    void publish_qos1_completesOnPubAckOverTheWire() throws Exception {
        try (MqttClient client = MqttClient.create(options().build())) {
            FakePeer.Conn conn = connect(client, ok(false));
            CompletableFuture<PublishResult> f = client.publishAsync(Message.of("a/b", "hi").withQos(QoS.AT_LEAST_ONCE));
            Publish p = conn.expect(Publish.class);
            assertThat(p.payload().toUtf8String()).isEqualTo("hi");
            conn.send(new PubAck(p.packetId(), ReasonCode.NO_MATCHING_SUBSCRIBERS));
            assertThat(f.get(5, TimeUnit.SECONDS).reasonCode()).isEqualTo(ReasonCode.NO_MATCHING_SUBSCRIBERS);
        }
    }

    @Test
    void subscribe_thenMessage_deliveredAndAcknowledged() throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        try (MqttClient client = MqttClient.create(options().build())) {
            client.onMessage(got::add);
            FakePeer.Conn conn = connect(client, ok(false));
            CompletableFuture<SubscribeResult> sub = client.subscribeAsync("s/#", QoS.AT_LEAST_ONCE);
            Subscribe s = conn.expect(Subscribe.class);
            conn.send(new SubAck(s.packetId(), List.of(ReasonCode.GRANTED_QOS_1)));
            assertThat(sub.get(5, TimeUnit.SECONDS).allGranted()).isTrue();
            conn.send(new Publish("s/1", Binary.utf8("v"), QoS.AT_LEAST_ONCE, false, 9));
            assertThat(got.poll(5, TimeUnit.SECONDS)).extracting(Message::payloadAsString).isEqualTo("v");
            assertThat(conn.expect(PubAck.class).packetId()).isEqualTo(9);
        }
    }

    @Test
    void reconnect_midQos2Flow_resendsWithDupAndCompletesExactlyOnce() throws Exception {
        try (MqttClient client = MqttClient.create(options().sessionExpiryInterval(60).build())) {
            FakePeer.Conn first = connect(client, ok(false));
            CompletableFuture<PublishResult> f = client.publishAsync(Message.of("q2", "once").withQos(QoS.EXACTLY_ONCE));
            Publish original = first.expect(Publish.class);
            first.drop();
            FakePeer.Conn second = peer.accept();
            Connect again = second.expect(Connect.class);
            assertThat(again.cleanStart()).isFalse();
            second.send(ok(true));
            Publish resent = second.expect(Publish.class);
            assertThat(resent.dup()).isTrue();
            assertThat(resent.packetId()).isEqualTo(original.packetId());
            second.send(new PubRec(resent.packetId()));
            assertThat(second.expect(PubRel.class).packetId()).isEqualTo(original.packetId());
            second.send(new PubComp(original.packetId()));
            assertThat(f.get(5, TimeUnit.SECONDS).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            second.expectNothing(100);
        }
    }

    @Test
    void serverDisconnect_withServerReference_isReported() throws Exception {
        try (MqttClient client = MqttClient.create(options().reconnect(ReconnectPolicy.NEVER).build())) {
            FakePeer.Conn conn = connect(client, ok(false));
            conn.send(new Disconnect(ReasonCode.USE_ANOTHER_SERVER, -1, "moving", "other:1883", List.of()));
            ConnectionEvent.Disconnected d = nextEvent(ConnectionEvent.Disconnected.class);
            assertThat(d.reasonCode()).isEqualTo(ReasonCode.USE_ANOTHER_SERVER);
            assertThat(d.serverReference()).isEqualTo("other:1883");
            assertThat(d.willReconnect()).isFalse();
        }
    }

    @Test
    void keepAlive_idleConnection_sendsPingReq() throws Exception {
        try (MqttClient client = MqttClient.create(options().keepAlive(1).build())) {
            FakePeer.Conn conn = connect(client, ok(false));
            conn.expect(PingReq.class);
            conn.send(PingResp.INSTANCE);
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void mqtt311_connectAndPublish_useVersion4() throws Exception {
        try (MqttClient client = MqttClient.create(options().version(MqttVersion.V3_1_1).build())) {
            CompletableFuture<ConnectResult> f = client.connectAsync();
            FakePeer.Conn conn = peer.accept();
            assertThat(conn.expect(Connect.class).version()).isEqualTo(MqttVersion.V3_1_1);
            conn.send(ok(false));
            f.get(5, TimeUnit.SECONDS);
            CompletableFuture<PublishResult> pub = client.publishAsync(Message.of("t", "x").withQos(QoS.AT_LEAST_ONCE));
            conn.send(new PubAck(conn.expect(Publish.class).packetId()));
            assertThat(pub.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void request_responseWithCorrelationData_completes() throws Exception {
        try (MqttClient client = MqttClient.create(options().build())) {
            FakePeer.Conn conn = connect(client, ok(false));
            Message request = Message.of("svc/req", "ping").withResponse("svc/resp/c1", null);
            CompletableFuture<Message> response = client.requestAsync(request, Duration.ofSeconds(5));
            Subscribe s = conn.expect(Subscribe.class);
            conn.send(new SubAck(s.packetId(), List.of(ReasonCode.GRANTED_QOS_1)));
            Publish req = conn.expect(Publish.class);
            assertThat(req.properties().responseTopic()).isEqualTo("svc/resp/c1");
            Binary correlation = req.properties().correlationData();
            assertThat(correlation).isNotNull();
            PublishProperties props = new PublishProperties(false, -1, null, null, correlation, List.of());
            conn.send(new Publish("svc/resp/c1", Binary.utf8("pong"), QoS.AT_MOST_ONCE, false, false, 0, props, 0,
                    List.of()));
            assertThat(response.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("pong");
        }
    }

    @Test
    void publish_largerThanServerMaximumPacketSize_failsOnlyThatMessage() throws Exception {
        try (MqttClient client = MqttClient.create(options().build())) {
            ConnAckProperties p = new ConnAckProperties(-1, 10, 2, true, 64, null, 0, null, List.of(), true, true, true,
                    -1, null, null, null, null);
            FakePeer.Conn conn = connect(client, new ConnAck(false, ReasonCode.SUCCESS, p));
            CompletableFuture<PublishResult> big = client.publishAsync(
                    new Message("t", Binary.wrap(new byte[200]), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE, List.of()));
            assertThatThrownBy(() -> big.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(MqttClientException.class)
                    .cause().satisfies(e -> assertThat(((MqttClientException) e).reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE));
            CompletableFuture<PublishResult> small = client.publishAsync(Message.of("t", "ok").withQos(QoS.AT_LEAST_ONCE));
            Publish sent = conn.expect(Publish.class);
            assertThat(sent.payload().toUtf8String()).isEqualTo("ok");
            conn.send(new PubAck(sent.packetId()));
            assertThat(small.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void inbound_tooManyUnreleasedQos2_disconnectsWithReceiveMaximumExceeded() throws Exception {
        try (MqttClient client = MqttClient.create(options().receiveMaximum(1).reconnect(ReconnectPolicy.NEVER).build())) {
            FakePeer.Conn conn = connect(client, ok(false));
            conn.send(new Publish("t", Binary.utf8("1"), QoS.EXACTLY_ONCE, false, 1));
            conn.expect(PubRec.class);
            conn.send(new Publish("t", Binary.utf8("2"), QoS.EXACTLY_ONCE, false, 2));
            assertThat(conn.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
            assertThat(conn.awaitClosed()).isTrue();
        }
    }

    @Test
    void enhancedAuth_challengeAnswered_thenConnected() throws Exception {
        AuthHandler auth = new AuthHandler() {
            @Override
            public String method() {
                return "TEST";
            }

            @Override
            public Binary initialData() {
                return Binary.utf8("hello");
            }

            @Override
            public java.util.concurrent.CompletionStage<Binary> onChallenge(Binary serverData) {
                return CompletableFuture.completedFuture(Binary.utf8("answer-to-" + serverData.toUtf8String()));
            }
        };
        try (MqttClient client = MqttClient.create(options().authHandler(auth).build())) {
            CompletableFuture<ConnectResult> f = client.connectAsync();
            FakePeer.Conn conn = peer.accept();
            Connect connect = conn.expect(Connect.class);
            assertThat(connect.properties().authenticationMethod()).isEqualTo("TEST");
            assertThat(connect.properties().authenticationData()).isEqualTo(Binary.utf8("hello"));
            conn.send(new dev.wren.codec.packet.Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST", Binary.utf8("c1")));
            dev.wren.codec.packet.Auth answer = conn.expect(dev.wren.codec.packet.Auth.class);
            assertThat(answer.authenticationData()).isEqualTo(Binary.utf8("answer-to-c1"));
            conn.send(ok(false));
            assertThat(f.get(5, TimeUnit.SECONDS).sessionPresent()).isFalse();
        }
    }

    private <T extends ConnectionEvent> T nextEvent(Class<T> type) throws InterruptedException {
        while (true) {
            ConnectionEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("a " + type.getSimpleName() + " event").isNotNull();
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }
}
