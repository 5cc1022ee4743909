package dev.wren.broker.transport;

import static dev.wren.broker.transport.EmbeddedPackets.received;
import static dev.wren.broker.transport.EmbeddedPackets.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.connection.BrokerContext;
import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.retained.RetainedTrie;
import dev.wren.broker.routing.ConcurrentTopicTrie;
import dev.wren.broker.routing.Router;
import dev.wren.broker.security.Authorizer;
import dev.wren.broker.security.PasswordAuthenticator;
import dev.wren.broker.session.QueueLimits;
import dev.wren.broker.session.SessionRegistry;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.netty.CodecState;
import dev.wren.codec.netty.MqttFrameDecoder;
import dev.wren.codec.netty.MqttPacketEncoder;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pipeline glue over an EmbeddedChannel: framing in, one flush per read burst, malformed input, metrics. */
class MqttChannelHandlerTest {
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final BrokerConfig config = BrokerConfig.builder().maintenanceIntervalMillis(0).build();
    private final Router router = new Router(new ConcurrentTopicTrie<>(), new RetainedTrie<>());
    private final BrokerContext ctx = new BrokerContext(config, metrics,
            new SessionRegistry(router, new QueueLimits(100, 1 << 20, false), metrics, config.clock(),
                    new dev.wren.broker.persistence.MemoryPersistence()), router,
            new PasswordAuthenticator(config.users(), true), Authorizer.ALLOW_ALL, config.clock());
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeAll() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        new MqttChannelInitializer(ctx, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)).initChannel(ch);
        return ch;
    }

    private static Connect connect(String id) {
        return new Connect(MqttVersion.V5, id, true, 30, null, null, null, ConnectProperties.DEFAULT);
    }

    @Test
    void connectSubscribePublish_inOneBurst_allAnswered() {
        EmbeddedChannel ch = channel();
        send(ch, MqttVersion.V5, connect("a"),
                new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))),
                new Publish("t", dev.wren.codec.Binary.utf8("x"), QoS.AT_LEAST_ONCE, false, 9));
        List<MqttPacket> got = received(ch, MqttVersion.V5);
        assertThat(got.get(0)).isInstanceOf(ConnAck.class);
        assertThat(got).hasAtLeastOneElementOfType(SubAck.class);
        assertThat(got).contains(new PubAck(9));
        assertThat(got).anyMatch(p -> p instanceof Publish pub && pub.topic().equals("t"));
        assertThat(metrics.get(Metric.CONNECTIONS_CURRENT)).isEqualTo(1);
    }

    @Test
    void close_flushNeverCompletes_closedAfterGrace() {
        EmbeddedChannel ch = channel();
        send(ch, MqttVersion.V5, connect("a"));
        received(ch, MqttVersion.V5);
        ch.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void write(io.netty.channel.ChannelHandlerContext c, Object msg, io.netty.channel.ChannelPromise p) {
                io.netty.util.ReferenceCountUtil.release(msg); // a peer that never reads: writes never complete
            }
        });
        ch.pipeline().get(MqttChannelHandler.class).connection().disconnect(ReasonCode.QUOTA_EXCEEDED, "stuck");
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(MqttChannelHandler.CLOSE_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void close_flushCompletes_graceTimerCancelled() {
        EmbeddedChannel ch = new EmbeddedChannel(); // no initializer: no keep-alive wheel task on this loop
        channels.add(ch);
        CodecState codec = new CodecState();
        ch.pipeline().addLast(new MqttFrameDecoder(codec, true), new MqttPacketEncoder(codec),
                new MqttChannelHandler(ctx, codec, new NettyLoop(ch.eventLoop()), new KeepAliveWheel(config.clock())));
        send(ch, MqttVersion.V5, connect("a"));
        received(ch, MqttVersion.V5);
        ch.pipeline().get(MqttChannelHandler.class).connection().disconnect(ReasonCode.ADMINISTRATIVE_ACTION, "test");
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.runScheduledPendingTasks()).as("no task left scheduled").isEqualTo(-1);
    }

    @Test
    void garbageAfterConnect_v5_disconnect0x81_andClose() {
        EmbeddedChannel ch = channel();
        send(ch, MqttVersion.V5, connect("a"));
        received(ch, MqttVersion.V5);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, 0x02, 0x00, 0x05})); // topic length past the end
        ch.runPendingTasks();
        List<MqttPacket> got = received(ch, MqttVersion.V5);
        assertThat(got).hasSize(1);
        assertThat(((Disconnect) got.get(0)).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(ch.isOpen()).isFalse();
        assertThat(metrics.get(Metric.CONNECTIONS_CURRENT)).isZero();
    }

    @Test
    void codecState_sharedWithEncoder_clientMaximumPacketSizeApplied() {
        EmbeddedChannel ch = channel();
        ConnectProperties small = new ConnectProperties(0, 65535, 64, 0, false, true, List.of(), null, null);
        send(ch, MqttVersion.V5, new Connect(MqttVersion.V5, "a", true, 30, null, null, null, small),
                new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_MOST_ONCE))),
                new Publish("t", dev.wren.codec.Binary.wrap(new byte[200]), QoS.AT_MOST_ONCE, false, 0));
        assertThat(received(ch, MqttVersion.V5)).noneMatch(p -> p instanceof Publish);
        assertThat(metrics.get(Metric.DROPPED_TOO_LARGE_FOR_CLIENT)).isEqualTo(1);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void pipeline_hasDecoderEncoderHandler() {
        EmbeddedChannel ch = channel();
        assertThat(ch.pipeline().names()).startsWith("decoder", "encoder", "handler");
        assertThat(ch.pipeline().get(MqttFrameDecoder.class)).isNotNull();
        assertThat(ch.pipeline().get(MqttPacketEncoder.class)).isNotNull();
        assertThat(new CodecState().version()).isNull();
    }
}
