package dev.wren.codec.netty;

import static dev.wren.codec.wire.CodecSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.wire.MqttEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetection.class)
class MqttFrameDecoderTest {

    private static Connect connect(MqttVersion v) {
        return new Connect(v, "c", true, 30, null, null, null, ConnectProperties.DEFAULT);
    }

    private static byte[] stream(MqttVersion v, MqttPacket... packets) {
        ByteBuf all = Unpooled.buffer();
        for (MqttPacket p : packets) {
            all.writeBytes(MqttEncoder.encodeToBytes(p, v));
        }
        byte[] b = new byte[all.readableBytes()];
        all.readBytes(b);
        all.release();
        return b;
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        return out;
    }

    @Test
    void decode_serverConnectThenPackets_setsVersionAndDecodesPipelinedPackets() {
        CodecState state = new CodecState();
        EmbeddedChannel ch = new EmbeddedChannel(new MqttFrameDecoder(state, true));
        Publish publish = new Publish("t", Binary.utf8("x"), QoS.AT_LEAST_ONCE, false, 1);
        ch.writeInbound(Unpooled.wrappedBuffer(stream(MqttVersion.V5, connect(MqttVersion.V5), publish, PingReq.INSTANCE)));
        assertThat(drain(ch)).containsExactly(connect(MqttVersion.V5), publish, PingReq.INSTANCE);
        assertThat(state.version()).isEqualTo(MqttVersion.V5);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decode_oneByteAtATime_sameAsWhole() {
        CodecState state = new CodecState();
        EmbeddedChannel ch = new EmbeddedChannel(new MqttFrameDecoder(state, true));
        Publish publish = new Publish("a/b", Binary.utf8("payload"), QoS.EXACTLY_ONCE, true, 9);
        for (byte b : stream(MqttVersion.V3_1_1, connect(MqttVersion.V3_1_1), publish)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(drain(ch)).containsExactly(connect(MqttVersion.V3_1_1), publish);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    @DisplayName("a malformed packet is emitted once as the exception, later input is discarded")
    void decode_malformed_emitsExceptionOnceAndDiscardsRest() {
        CodecState state = new CodecState(MqttVersion.V3_1_1);
        EmbeddedChannel ch = new EmbeddedChannel(new MqttFrameDecoder(state, true));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(0xC0, 0x00, 0x36, 0x00, 0xC0, 0x00)));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(0xC0, 0x00)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(PingReq.INSTANCE);
        assertThat(out.get(1)).isInstanceOfSatisfying(MalformedPacketException.class,
                e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] after an unsupported level the version to answer in is 3.1.1 (CONNACK return code 1)")
    void decode_unsupportedProtocolLevel_setsAnswerVersion_MQTT_3_1_2_2() {
        for (int level : new int[] {6, 3, 2}) {
            CodecState state = new CodecState();
            EmbeddedChannel ch = new EmbeddedChannel(new MqttFrameDecoder(state, true));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes(0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', level, 0x02, 0x00,
                    0x00, 0x00, 0x01, 'c')));
            Object o = ch.readInbound();
            assertThat(o).isInstanceOfSatisfying(MalformedPacketException.class,
                    e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION));
            assertThat(state.version()).isEqualTo(MqttVersion.V3_1_1);
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void decode_tooLarge_rejectedBeforeBody() {
        CodecState state = new CodecState(MqttVersion.V5);
        state.inboundMaximumPacketSize(100);
        EmbeddedChannel ch = new EmbeddedChannel(new MqttFrameDecoder(state, true));
        // PUBLISH QoS 0, remaining length 200 (0xC8 0x01): only the fixed header has arrived
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(0x30, 0xC8, 0x01)));
        Object o = ch.readInbound();
        assertThat(o).isInstanceOfSatisfying(MalformedPacketException.class,
                e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
