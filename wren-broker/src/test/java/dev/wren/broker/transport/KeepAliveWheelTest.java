package dev.wren.broker.transport;

import static dev.wren.broker.transport.EmbeddedPackets.received;
import static dev.wren.broker.transport.EmbeddedPackets.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.connection.BrokerContext;
import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.MemoryPersistence;
import dev.wren.broker.retained.RetainedTrie;
import dev.wren.broker.routing.ConcurrentTopicTrie;
import dev.wren.broker.routing.Router;
import dev.wren.broker.security.Authorizer;
import dev.wren.broker.security.PasswordAuthenticator;
import dev.wren.broker.session.QueueLimits;
import dev.wren.broker.session.SessionRegistry;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.wire.MqttEncoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idle timeouts on the broker's clock: the clock is moved by hand and the wheel turned by hand,
 * so nothing here sleeps. Each channel is an EmbeddedChannel with the broker's real pipeline.
 */
class KeepAliveWheelTest {
    /** A clock the test moves; only read on the test thread. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00.123Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final BrokerConfig config = BrokerConfig.builder().maintenanceIntervalMillis(0).clock(clock)
            .connectTimeoutSeconds(10).build();
    private final Router router = new Router(new ConcurrentTopicTrie<>(), new RetainedTrie<>());
    private final BrokerContext ctx = new BrokerContext(config, metrics,
            new SessionRegistry(router, new QueueLimits(100, 1 << 20, false), metrics, clock, new MemoryPersistence()),
            router, new PasswordAuthenticator(config.users(), true), Authorizer.ALLOW_ALL, clock);
    private final MqttChannelInitializer initializer =
            new MqttChannelInitializer(ctx, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final java.util.Map<EmbeddedChannel, KeepAliveWheel> wheels = new java.util.HashMap<>();

    @AfterEach
    void closeAll() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** Channels share one EmbeddedEventLoop each, so each gets its own wheel: tests use one channel per wheel. */
    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        initializer.initChannel(ch);
        wheels.put(ch, ch.pipeline().get(MqttChannelHandler.class).wheel()); // the handler leaves a closed pipeline
        return ch;
    }

    private KeepAliveWheel wheel(EmbeddedChannel ch) {
        return wheels.get(ch);
    }

    /** Moves the broker's clock and turns the wheel, as its periodic task would. */
    private void pass(EmbeddedChannel ch, Duration d) {
        clock.advance(d);
        wheel(ch).advance();
        ch.runPendingTasks();
    }

    private EmbeddedChannel connected(MqttVersion v, int keepAlive) {
        EmbeddedChannel ch = channel();
        send(ch, v, new Connect(v, "c", true, keepAlive, null, null, null, ConnectProperties.DEFAULT));
        assertThat(received(ch, v)).first().isInstanceOf(ConnAck.class);
        return ch;
    }

    @Test
    void connectTimeout_nothingRead_closedAfterTimeoutNotBefore() {
        EmbeddedChannel ch = channel();
        pass(ch, Duration.ofMillis(9_999));
        assertThat(ch.isOpen()).isTrue();
        pass(ch, Duration.ofMillis(300)); // deadline 10 s, checked within one slot after it
        assertThat(ch.isOpen()).isFalse();
        assertThat(wheel(ch).size()).isZero();
    }

    @Test
    void connectTimeout_partialConnect_doesNotCountAsActivity() {
        EmbeddedChannel ch = channel();
        byte[] connect = MqttEncoder.encodeToBytes(
                new Connect(MqttVersion.V5, "c", true, 30, null, null, null, ConnectProperties.DEFAULT), MqttVersion.V5);
        pass(ch, Duration.ofSeconds(9));
        ch.writeInbound(Unpooled.wrappedBuffer(connect, 0, 3)); // a client trickling bytes, never a whole packet
        pass(ch, Duration.ofMillis(1_300));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void keepAlive_aPacketSplitOverReads_countsWhenComplete() {
        EmbeddedChannel ch = connected(MqttVersion.V5, 10);
        byte[] ping = MqttEncoder.encodeToBytes(PingReq.INSTANCE, MqttVersion.V5);
        pass(ch, Duration.ofSeconds(14));
        ch.writeInbound(Unpooled.wrappedBuffer(ping, 0, 1));
        pass(ch, Duration.ofMillis(500));
        ch.writeInbound(Unpooled.wrappedBuffer(ping, 1, ping.length - 1));
        ch.runPendingTasks();
        pass(ch, Duration.ofSeconds(14));
        assertThat(ch.isOpen()).isTrue();
        pass(ch, Duration.ofMillis(1_300));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void keepAlive_v5_silentClient_disconnect0x8DAfterOneAndAHalfTimes() { // [MQTT-3.1.2-22]
        EmbeddedChannel ch = connected(MqttVersion.V5, 10);
        pass(ch, Duration.ofMillis(14_900));
        assertThat(ch.isOpen()).isTrue();
        assertThat(received(ch, MqttVersion.V5)).isEmpty();
        pass(ch, Duration.ofMillis(400));
        assertThat(received(ch, MqttVersion.V5))
                .containsExactly(new Disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT, "keep alive timeout"));
        assertThat(ch.isOpen()).isFalse();
        assertThat(metrics.get(Metric.KEEP_ALIVE_TIMEOUTS)).isEqualTo(1);
    }

    @Test
    void keepAlive_v311_silentClient_closedWithoutDisconnect() { // [MQTT-3.1.2-24] (3.1.1)
        EmbeddedChannel ch = connected(MqttVersion.V3_1_1, 2);
        pass(ch, Duration.ofMillis(2_900));
        assertThat(ch.isOpen()).isTrue();
        pass(ch, Duration.ofMillis(400));
        assertThat(received(ch, MqttVersion.V3_1_1)).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void keepAlive_pingsWithinTheLimit_keepItOpen() { // [MQTT-3.12.4-1]
        EmbeddedChannel ch = connected(MqttVersion.V5, 10);
        for (int i = 0; i < 20; i++) {
            pass(ch, Duration.ofSeconds(14));
            send(ch, MqttVersion.V5, PingReq.INSTANCE);
            assertThat(received(ch, MqttVersion.V5)).containsExactly(PingResp.INSTANCE);
        }
        assertThat(ch.isOpen()).isTrue();
        pass(ch, Duration.ofMillis(15_300)); // then silence
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void keepAliveZero_neverTimesOut() {
        EmbeddedChannel ch = connected(MqttVersion.V5, 0);
        assertThat(wheel(ch).size()).isZero();
        pass(ch, Duration.ofDays(3));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void keepAlive_longerThanTheWheelSpan_waitsLaps() {
        EmbeddedChannel ch = connected(MqttVersion.V5, 65_535); // 98,302.5 s: about 384 laps of 256 s
        for (int i = 0; i < 400; i++) {
            pass(ch, Duration.ofMillis(252_000)); // turns of about one lap, never all slots at once
            if (!ch.isOpen()) {
                assertThat(i).as("closed on lap %d", i).isGreaterThanOrEqualTo(98_302_500 / 252_000);
                return;
            }
        }
        throw new AssertionError("never closed");
    }

    @Test
    void clockJumpsFarAhead_everyConnectionChecked() {
        EmbeddedChannel ch = connected(MqttVersion.V5, 60);
        pass(ch, Duration.ofHours(5));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void clockMovesBack_nothingClosesEarly() {
        EmbeddedChannel ch = connected(MqttVersion.V5, 10);
        pass(ch, Duration.ofSeconds(-60));
        pass(ch, Duration.ofSeconds(60 + 14));
        assertThat(ch.isOpen()).isTrue();
        pass(ch, Duration.ofMillis(1_300));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void closedByClient_leavesTheWheel() {
        EmbeddedChannel ch = connected(MqttVersion.V5, 10);
        assertThat(wheel(ch).size()).isEqualTo(1);
        send(ch, MqttVersion.V5, new Disconnect(ReasonCode.NORMAL_DISCONNECTION));
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(wheel(ch).size()).isZero();
    }
}
