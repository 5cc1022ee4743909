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

    public static final DecoderContext S5 = DecoderContext.server(MqttVersion.V5);
    public static final DecoderContext C5 = DecoderContext.client(MqttVersion.V5);
    public static final DecoderContext S4 = DecoderContext.server(MqttVersion.V3_1_1);
    public static final DecoderContext C4 = DecoderContext.client(MqttVersion.V3_1_1);
    public static final DecoderContext S3 = DecoderContext.server(MqttVersion.V3_1);
    public static final DecoderContext C3 = DecoderContext.client(MqttVersion.V3_1);
    public static final ReasonCode MALFORMED = ReasonCode.MALFORMED_PACKET;
    public static final ReasonCode PROTOCOL = ReasonCode.PROTOCOL_ERROR;

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

    /** Asserts that decoding fails with {@code reason} and a message containing {@code fragment}. */
    public static void rejects(DecoderContext ctx, ReasonCode reason, String fragment, int... wire) {
        MalformedPacketException e = rejects(ctx, reason, wire);
        assertThat(e.getMessage()).contains(fragment);
    }

    /** Asserts that decoding fails with {@code reason}; returns the exception. */
    public static MalformedPacketException rejects(DecoderContext ctx, ReasonCode reason, int... wire) {
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> decode(bytes(wire), ctx));
        assertThat(e).as("decoding %s", hex(bytes(wire))).isNotNull();
        assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    /**
     * Asserts both directions: {@code p} encodes to exactly {@code wire} and {@code wire} decodes
     * to {@code p} ({@code fromClient}: decoded by a server, else by a client).
     */
    public static void assertWire(MqttPacket p, MqttVersion v, boolean fromClient, int... wire) {
        byte[] expected = bytes(wire);
        assertThat(hex(encode(p, v))).as("encoding of %s", p).isEqualTo(hex(expected));
        DecoderContext ctx = fromClient ? DecoderContext.server(v) : DecoderContext.client(v);
        assertThat(decode(expected, ctx)).isEqualTo(p);
    }

    /** Bytes of an ASCII string, as ints for {@code bytes(...)} style arrays. */
    public static int[] ascii(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.charAt(i);
        }
        return out;
    }

    /** Concatenates int arrays (fields written separately for readability). */
    public static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int i = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    public static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
