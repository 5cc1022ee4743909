package dev.wren.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wren.broker.Broker;
import dev.wren.broker.BrokerConfig;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against the real, in-process Wren broker. */
class ClientBrokerIT {
    private static final ReconnectPolicy FAST = new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofMillis(100), 2.0);

    private Broker broker;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").port(0).receiveMaximum(10)
                .topicAliasMaximum(8).build());
    }

    @AfterEach
    void stop() {
        clients.forEach(MqttClient::close);
        broker.close();
    }

    private MqttClient client(ClientOptionsBuilder b) {
        MqttClient c = MqttClient.create(b.build());
        clients.add(c);
        return c;
    }

    private ClientOptionsBuilder options(String id, int port) {
        return ClientOptions.builder().host("127.0.0.1").port(port).clientId(id).reconnect(FAST);
    }

    /** retryFirstConnect: a client started before its broker connects once the broker is up. */
    @Test
    void retryFirstConnect_waitsForTheBrokerToComeUp() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        MqttClient c = client(options("early", port).retryFirstConnect(true).connectionListener(events::add));
        CompletableFuture<ConnectResult> connected = c.connectAsync();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .filter(e -> e instanceof ConnectionEvent.Reconnecting).count() >= 3);
        assertThat(connected).as("still trying").isNotDone();
        try (Broker late = Broker.start(BrokerConfig.builder().host("127.0.0.1").port(port).build())) {
            assertThat(connected.get(10, TimeUnit.SECONDS).sessionPresent()).isFalse();
            c.disconnect();
        }
    }

    @Test
    void retryFirstConnect_badCredentialsStillFailAtOnce() {
        broker.close();
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").port(0).allowAnonymous(false)
                .users(Map.of("u", "right")).build());
        MqttClient c = client(options("creds", broker.port()).retryFirstConnect(true)
                .credentials("u", Binary.utf8("wrong")));
        assertThat(c.connectAsync()).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOfSatisfying(MqttClientException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void retryFirstConnect_disconnectWhileWaiting_failsTheConnect() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MqttClient c = client(options("gives-up", port).retryFirstConnect(true));
        CompletableFuture<ConnectResult> connected = c.connectAsync();
        Thread.sleep(200);
        c.disconnect();
        assertThat(connected).failsWithin(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pubSub_everyQos_deliveredInOrder(MqttVersion version) throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("sub-" + version, broker.port()).version(version));
        sub.onMessage(got::add);
        sub.connect();
        assertThat(sub.subscribe("v/#", QoS.EXACTLY_ONCE).allGranted()).isTrue();
        MqttClient pub = client(options("pub-" + version, broker.port()).version(version));
        pub.connect();
        for (QoS q : QoS.values()) {
            pub.publish(Message.of("v/" + q, q.name()).withQos(q));
        }
        for (QoS q : QoS.values()) {
            Message m = got.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.topic()).isEqualTo("v/" + q);
            assertThat(m.qos()).isEqualTo(q);
        }
    }

    @Test
    void publish_moreThanReceiveMaximum_allAcknowledged() {
        MqttClient pub = client(options("flood", broker.port()));
        pub.connect();
        List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            acks.add(pub.publishAsync(Message.of("flood/" + (i % 5), "m" + i).withQos(QoS.values()[1 + i % 2])));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void connectionCutRepeatedly_qos2_eachMessageExactlyOnce() throws Exception {
        try (ChaosProxy proxy = new ChaosProxy(broker.port())) {
            Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
            MqttClient sub = client(options("x-sub", proxy.port()).sessionExpiryInterval(300));
            sub.onMessage(m -> seen.computeIfAbsent(m.payloadAsString(), k -> new AtomicInteger()).incrementAndGet());
            sub.connect();
            sub.subscribe("x/q2", QoS.EXACTLY_ONCE);
            MqttClient pub = client(options("x-pub", proxy.port()).sessionExpiryInterval(300));
            pub.connect();
            List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
            int total = 300;
            for (int i = 0; i < total; i++) {
                acks.add(pub.publishAsync(Message.of("x/q2", "m" + i).withQos(QoS.EXACTLY_ONCE)));
                if (i % 60 == 30) {
                    proxy.cutAll();
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == total);
            assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        }
    }

    @Test
    void sessionNotResumed_clientResubscribesByItself() throws Exception {
        try (ChaosProxy proxy = new ChaosProxy(broker.port())) {
            BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
            BlockingQueue<Message> got = new LinkedBlockingQueue<>();
            MqttClient sub = client(options("resub", proxy.port()).connectionListener(events::add));
            sub.onMessage(got::add);
            sub.connect();
            sub.subscribe("re/sub", QoS.AT_LEAST_ONCE);
            events.clear();
            proxy.cutAll();
            ConnectionEvent.Connected again = nextConnected(events);
            assertThat(again.result().sessionPresent()).isFalse();
            MqttClient pub = client(options("resub-pub", broker.port()));
            pub.connect();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                pub.publish(Message.of("re/sub", "back").withQos(QoS.AT_LEAST_ONCE));
                return !got.isEmpty();
            });
            assertThat(got.poll().payloadAsString()).isEqualTo("back");
        }
    }

    @Test
    void persistentSession_messagesWhileOffline_deliveredOnResume() throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("persist", broker.port()).sessionExpiryInterval(300));
        sub.connect();
        sub.subscribe("off/line", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        MqttClient pub = client(options("persist-pub", broker.port()));
        pub.connect();
        pub.publish(Message.of("off/line", "queued").withQos(QoS.AT_LEAST_ONCE));
        MqttClient again = client(options("persist", broker.port()).sessionExpiryInterval(300).cleanStart(false));
        again.onMessage(got::add);
        assertThat(again.connect().sessionPresent()).isTrue();
        assertThat(got.poll(5, TimeUnit.SECONDS)).extracting(Message::payloadAsString).isEqualTo("queued");
    }

    @Test
    void fileOutboundStore_messagesAcceptedBeforeRestart_deliveredAfterIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (MqttClient offline = MqttClient.create(options("durable", broker.port())
                .outboundStore(FileOutboundStore.open(dir, true)).build())) {
            for (int i = 0; i < 3; i++) {
                offline.publishAsync(Message.of("durable/t", "d" + i).withQos(QoS.AT_LEAST_ONCE));
            }
            assertThat(offline.pendingPublishes().get(5, TimeUnit.SECONDS)).isEqualTo(3);
        }
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("durable-sub", broker.port()));
        sub.onMessage(got::add);
        sub.connect();
        sub.subscribe("durable/t", QoS.AT_LEAST_ONCE);
        FileOutboundStore store = FileOutboundStore.open(dir, true);
        MqttClient restarted = client(options("durable", broker.port()).outboundStore(store));
        restarted.connect();
        for (int i = 0; i < 3; i++) {
            assertThat(got.poll(5, TimeUnit.SECONDS)).extracting(Message::payloadAsString).isEqualTo("d" + i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.entries().isEmpty());
    }

    @Test
    void will_connectionLost_publishedToSubscribers() throws Exception {
        try (ChaosProxy proxy = new ChaosProxy(broker.port())) {
            BlockingQueue<Message> got = new LinkedBlockingQueue<>();
            MqttClient watcher = client(options("watcher", broker.port()));
            watcher.onMessage(got::add);
            watcher.connect();
            watcher.subscribe("wills/#", QoS.AT_LEAST_ONCE);
            MqttClient dying = client(options("dying", proxy.port()).reconnect(ReconnectPolicy.NEVER)
                    .will(new Will("wills/dying", Binary.utf8("gone"), QoS.AT_LEAST_ONCE, false)));
            dying.connect();
            proxy.cutAll();
            assertThat(got.poll(10, TimeUnit.SECONDS)).extracting(Message::payloadAsString).isEqualTo("gone");
        }
    }

    @Test
    void messagesStream_backPressure_deliversAllInOrder() throws Exception {
        MqttClient sub = client(options("stream", broker.port()));
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        sub.messages(4).subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                s = subscription;
                s.request(1);
            }

            @Override
            public void onNext(Message item) {
                received.add(item.payloadAsString());
                if (received.size() == 100) {
                    done.complete(null);
                }
                s.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {}
        });
        sub.connect();
        sub.subscribe("stream/t", QoS.AT_LEAST_ONCE);
        MqttClient pub = client(options("stream-pub", broker.port()));
        pub.connect();
        for (int i = 0; i < 100; i++) {
            pub.publishAsync(Message.of("stream/t", String.valueOf(i)).withQos(QoS.AT_LEAST_ONCE));
        }
        done.get(20, TimeUnit.SECONDS);
        assertThat(received).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(String::valueOf).toList());
    }

    @Test
    void sharedSubscription_splitsMessagesBetweenMembers() throws Exception {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        MqttClient m1 = client(options("share-1", broker.port()));
        MqttClient m2 = client(options("share-2", broker.port()));
        m1.onMessage(m -> a.incrementAndGet());
        m2.onMessage(m -> b.incrementAndGet());
        m1.connect();
        m2.connect();
        m1.subscribe("$share/g/jobs", QoS.AT_LEAST_ONCE);
        m2.subscribe("$share/g/jobs", QoS.AT_LEAST_ONCE);
        MqttClient pub = client(options("share-pub", broker.port()));
        pub.connect();
        for (int i = 0; i < 40; i++) {
            pub.publish(Message.of("jobs", "j" + i).withQos(QoS.AT_LEAST_ONCE));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.get() + b.get() == 40);
        assertThat(a.get()).isPositive();
        assertThat(b.get()).isPositive();
    }

    @Test
    void requestResponse_betweenTwoClients() throws Exception {
        MqttClient server = client(options("responder", broker.port()));
        server.onMessage(m -> server.publishAsync(Message.of(m.properties().responseTopic(), "re:" + m.payloadAsString())
                .withResponse(null, m.properties().correlationData())));
        server.connect();
        server.subscribe("svc/echo", QoS.AT_LEAST_ONCE);
        MqttClient requester = client(options("requester", broker.port()));
        requester.connect();
        Message response = requester.requestAsync(Message.of("svc/echo", "hi").withResponse("svc/reply/requester", null),
                Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertThat(response.payloadAsString()).isEqualTo("re:hi");
    }

    @Test
    void subscriptionIdentifiersAndUserProperties_arriveWithTheMessage() throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("ids", broker.port()));
        sub.onMessage(got::add);
        sub.connect();
        sub.subscribeAsync(List.of(new Subscription(new TopicFilter("ids/#"), QoS.AT_LEAST_ONCE)), 42, List.of())
                .get(5, TimeUnit.SECONDS);
        MqttClient pub = client(options("ids-pub", broker.port()));
        pub.connect();
        pub.publish(Message.of("ids/x", "p").withQos(QoS.AT_LEAST_ONCE)
                .withUserProperties(List.of(new dev.wren.codec.UserProperty("k", "v"))));
        Message m = got.poll(5, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.subscriptionIdentifiers()).containsExactly(42);
        assertThat(m.properties().userProperties()).extracting(dev.wren.codec.UserProperty::value).containsExactly("v");
    }

    @Test
    void topicAliases_repeatedTopic_stillDeliveredWithFullName() throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("alias-sub", broker.port()));
        sub.onMessage(got::add);
        sub.connect();
        sub.subscribe("alias/#", QoS.AT_MOST_ONCE);
        MqttClient pub = client(options("alias-pub", broker.port()));
        assertThat(pub.connect().properties().topicAliasMaximum()).isEqualTo(8);
        for (int i = 0; i < 5; i++) {
            pub.publish(Message.of("alias/long/topic/name", "a" + i).withQos(QoS.AT_LEAST_ONCE));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(got.poll(5, TimeUnit.SECONDS)).extracting(Message::topic).isEqualTo("alias/long/topic/name");
        }
    }

    @Test
    void publish_notAllowedRetain_or_invalidTopic_failsWithReasonCode() {
        MqttClient pub = client(options("bad", broker.port()));
        pub.connect();
        CompletableFuture<PublishResult> f = pub.publishAsync(Message.of("a/+/b", "x"));
        assertThat(f).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(MqttClientException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID));
    }

    private static ConnectionEvent.Connected nextConnected(BlockingQueue<ConnectionEvent> events) throws InterruptedException {
        while (true) {
            ConnectionEvent e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("a Connected event").isNotNull();
            if (e instanceof ConnectionEvent.Connected c) {
                return c;
            }
        }
    }

}
