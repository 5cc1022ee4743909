package dev.wren.broker.connection;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.retained.RetainedTrie;
import dev.wren.broker.routing.ConcurrentTopicTrie;
import dev.wren.broker.routing.Router;
import dev.wren.broker.security.Authorizer;
import dev.wren.broker.security.PasswordAuthenticator;
import dev.wren.broker.session.QueueLimits;
import dev.wren.broker.session.SessionRegistry;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.Will;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A broker without sockets: real registry, router and connections over fake transports and manual loops. */
final class Harness {
    final BrokerMetrics metrics = new BrokerMetrics();
    final TestClock clock = new TestClock();
    final BrokerConfig config;
    final Router router;
    final SessionRegistry sessions;
    final BrokerContext ctx;
    final List<ManualLoop> loops = new ArrayList<>();

    Harness() {
        this(BrokerConfig.builder().maintenanceIntervalMillis(0).build());
    }

    Harness(BrokerConfig base) {
        this(base, null);
    }

    Harness(BrokerConfig base, dev.wren.broker.security.Authenticator authenticator) {
        this(base, authenticator, new dev.wren.broker.persistence.MemoryPersistence());
    }

    Harness(BrokerConfig base, dev.wren.broker.security.Authenticator authenticator,
            dev.wren.broker.persistence.Persistence persistence) {
        this.config = base.toBuilder().clock(clock).build();
        this.router = new Router(new ConcurrentTopicTrie<>(), new RetainedTrie<>(), persistence);
        this.sessions = new SessionRegistry(router, QueueLimits.of(config, this::nanos), metrics, clock, persistence);
        this.ctx = new BrokerContext(config, metrics, sessions, router,
                authenticator != null ? authenticator
                        : new PasswordAuthenticator(config.users(), config.allowAnonymous()),
                Authorizer.ALLOW_ALL, clock, persistence.durable() ? persistence : null);
    }

    /** Monotonic time for back-pressure, from the test clock. */
    long nanos() {
        return clock.millis() * 1_000_000L;
    }

    ManualLoop loop() {
        ManualLoop l = new ManualLoop(this::nanos);
        loops.add(l);
        return l;
    }

    Client client() {
        return client(loop());
    }

    Client client(ManualLoop loop) {
        FakeTransport t = new FakeTransport(loop);
        Connection c = new Connection(ctx, t);
        t.connection = c;
        return new Client(this, t, c);
    }

    /** Runs every queued task on every loop until all are idle. */
    void settle() {
        boolean ran = true;
        while (ran) {
            ran = false;
            for (ManualLoop l : List.copyOf(loops)) {
                ran |= l.runPending();
            }
        }
    }

    void advance(Duration d) {
        clock.now = clock.now.plus(d);
    }

    void maintain() {
        sessions.maintain(clock.millis());
        settle();
    }

    static Connect connect(MqttVersion v, String id, boolean clean) {
        return new Connect(v, id, clean, 60, null, null, null, ConnectProperties.DEFAULT);
    }

    static Connect connectV5(String id, boolean clean, long expiry) {
        return new Connect(MqttVersion.V5, id, clean, 60, null, null, null,
                ConnectProperties.DEFAULT.withSessionExpiryInterval(expiry));
    }

    static Connect withWill(Connect c, Will w) {
        return new Connect(c.version(), c.clientId(), c.cleanStart(), c.keepAlive(), c.username(), c.password(), w,
                c.properties());
    }

    static Publish publish(String topic, String payload, QoS qos, int id) {
        return new Publish(topic, Binary.utf8(payload), qos, false, qos == QoS.AT_MOST_ONCE ? 0 : id);
    }

    /** One fake client connection. */
    static final class Client {
        final Harness h;
        final FakeTransport transport;
        final Connection connection;

        Client(Harness h, FakeTransport transport, Connection connection) {
            this.h = h;
            this.transport = transport;
            this.connection = connection;
        }

        /** One read burst carrying {@code p}, as the channel handler runs it: the packet, then the end of the burst. */
        Client send(MqttPacket p) {
            return sendBurst(p);
        }

        /** One read burst carrying {@code packets} in order. */
        Client sendBurst(MqttPacket... packets) {
            transport.loop.run(() -> {
                for (MqttPacket p : packets) {
                    connection.onPacket(p);
                }
                connection.onReadComplete();
            });
            h.settle();
            return this;
        }

        /** Everything written since the last call. */
        List<MqttPacket> take() {
            List<MqttPacket> out = List.copyOf(transport.written);
            transport.written.clear();
            return out;
        }

        <T extends MqttPacket> List<T> take(Class<T> type) {
            return take().stream().filter(type::isInstance).map(type::cast).toList();
        }

        boolean closed() {
            return transport.closed;
        }

        void drop() {
            transport.close();
            h.settle();
        }
    }

    /** A clock tests move by hand. Not thread-safe. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
