package dev.wren.codec.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketTooLargeException;
import dev.wren.codec.PacketType;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.wire.MqttEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetection.class)
class MqttPacketEncoderTest {

    private static byte[] readOutbound(EmbeddedChannel ch) {
        ByteBuf buf = ch.readOutbound();
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void write_knownVersion_writesExactEncoding() {
        EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketEncoder(new CodecState(MqttVersion.V5)));
        Publish p = new Publish("a/b", Binary.utf8("hello"), QoS.AT_LEAST_ONCE, false, 3);
        assertThat(ch.writeOutbound(p)).isTrue();
        assertThat(readOutbound(ch)).isEqualTo(MqttEncoder.encodeToBytes(p, MqttVersion.V5));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void write_unknownVersion_failsPromiseWithIllegalState() {
        EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketEncoder(new CodecState()));
        ChannelFuture f = ch.writeAndFlush(PingReq.INSTANCE);
        assertThat(f.cause()).isInstanceOf(IllegalStateException.class);
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void write_connectWithUnknownVersion_usesItsOwnVersion() {
        EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketEncoder(new CodecState()));
        Connect c = new Connect(MqttVersion.V3_1_1, "c", true, 0, null, null, null, ConnectProperties.DEFAULT);
        assertThat(ch.writeAndFlush(c).isSuccess()).isTrue();
        assertThat(readOutbound(ch)).isEqualTo(MqttEncoder.encodeToBytes(c, MqttVersion.V3_1_1));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] [MQTT-3.1.2-25] a PUBLISH over the peer's maximum is not written; the write fails")
    void write_publishOverPeerMaximum_failsWithPacketTooLarge_MQTT_3_1_2_24() {
        CodecState state = new CodecState(MqttVersion.V5);
        state.peerMaximumPacketSize(20);
        EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketEncoder(state));
        ChannelFuture f = ch.writeAndFlush(new Publish("t", Binary.copyOf(new byte[50]), QoS.AT_MOST_ONCE, false, 0));
        assertThat(f.cause()).isInstanceOfSatisfying(PacketTooLargeException.class, e -> {
            assertThat(e.packetType()).isEqualTo(PacketType.PUBLISH);
            assertThat(e.size()).isEqualTo(56);
            assertThat(e.maximum()).isEqualTo(20);
            assertThat(e.getStackTrace()).isEmpty();
        });
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.14.2-3] a DISCONNECT over the peer's maximum is sent without its Reason String")
    void write_disconnectOverPeerMaximum_sentWithoutReasonString_MQTT_3_14_2_3() {
        CodecState state = new CodecState(MqttVersion.V5);
        state.peerMaximumPacketSize(10);
        EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketEncoder(state));
        assertThat(ch.writeAndFlush(new Disconnect(ReasonCode.SERVER_SHUTTING_DOWN, "a long reason")).isSuccess())
                .isTrue();
        assertThat(readOutbound(ch)).containsExactly(0xE0, 0x01, 0x8B);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void peerMaximumPacketSize_zeroMeansProtocolMaximum() {
        CodecState state = new CodecState();
        state.peerMaximumPacketSize(0);
        assertThat(state.outboundMaximumPacketSize()).isEqualTo(CodecState.PROTOCOL_MAXIMUM_PACKET_SIZE);
        state.peerMaximumPacketSize(0xFFFF_FFFFL);
        assertThat(state.outboundMaximumPacketSize()).isEqualTo(CodecState.PROTOCOL_MAXIMUM_PACKET_SIZE);
        state.peerMaximumPacketSize(100);
        assertThat(state.outboundMaximumPacketSize()).isEqualTo(100);
    }

    @Test
    void write_invalidPacketForVersion_failsPromise() {
        EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketEncoder(new CodecState(MqttVersion.V3_1_1)));
        ChannelFuture f = ch.writeAndFlush(new Auth(ReasonCode.SUCCESS, null, null));
        assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class);
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
