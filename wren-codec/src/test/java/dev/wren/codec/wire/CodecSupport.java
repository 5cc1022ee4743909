package dev.wren.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Helpers for byte-level codec tests. */
public final class CodecSupport {
    private CodecSupport() {}

    /** Bytes from ints, so tests can write 0x80 without casts. */
    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static MqttPacket decode(byte[] wire, DecoderContext ctx) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            MqttPacket p = MqttDecoder.decode(in, ctx);
            assertThat(in.readableBytes()).as("bytes left after decoding").isZero();
            return p;
        } finally {
            in.release();
        }
    }

    /** Server-side decode (a packet a client sent) with a known version. */
    public static MqttPacket fromClient(MqttVersion v, int... wire) {
        return decode(bytes(wire), DecoderContext.server(v));
    }

    /** Client-side decode (a packet a server sent). */
    public static MqttPacket fromServer(MqttVersion v, int... wire) {
        return decode(bytes(wire), DecoderContext.client(v));
    }

    public static byte[] encode(MqttPacket p, MqttVersion v) {
        byte[] b = MqttEncoder.encodeToBytes(p, v);
        assertThat(b).hasSize(MqttEncoder.encodedLength(p, v));
        return b;
    }

    /** Asserts that decoding fails with {@code reason}; returns the exception. */
    public static MalformedPacketException rejects(DecoderContext ctx, ReasonCode reason, int... wire) {
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> decode(bytes(wire), ctx));
        assertThat(e).as("decoding %s", hex(bytes(wire))).isNotNull();
        assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    public static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
