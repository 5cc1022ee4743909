package dev.wren.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.netty.LeakDetection;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Whatever the bytes, the decoder yields a packet or a {@link MalformedPacketException}, never
 * another exception, and never touches bytes outside the packet.
 */
class FuzzProperties {
    private static final List<DecoderContext> CONTEXTS = List.of(
            DecoderContext.server(), CodecSupport.S5, CodecSupport.S4, CodecSupport.S3,
            CodecSupport.C5, CodecSupport.C4, CodecSupport.C3);

    @AfterContainer
    static void noLeaks() {
        LeakDetection.assertNoLeaks();
    }

    @Provide
    Arbitrary<DecoderContext> contexts() {
        return Arbitraries.of(CONTEXTS);
    }

    @Property(tries = 1000)
    void randomBytes_packetOrMalformed(@ForAll @Size(max = 80) byte[] bytes, @ForAll("contexts") DecoderContext ctx) {
        decodeAll(bytes, ctx);
    }

    @Property(tries = 1000)
    void randomBodyAfterValidHeader_packetOrMalformed(@ForAll("firstBytes") int first,
            @ForAll @Size(max = 60) byte[] body, @ForAll("contexts") DecoderContext ctx) {
        byte[] wire = new byte[body.length + 2];
        wire[0] = (byte) first;
        wire[1] = (byte) body.length;
        System.arraycopy(body, 0, wire, 2, body.length);
        decodeAll(wire, ctx);
    }

    @Provide
    Arbitrary<Integer> firstBytes() {
        return Arbitraries.of(0x10, 0x20, 0x30, 0x32, 0x34, 0x3B, 0x40, 0x50, 0x62, 0x70, 0x82, 0x90, 0xA2, 0xB0,
                0xC0, 0xD0, 0xE0, 0xF0);
    }

    @Property(tries = 1500)
    void mutatedValidPacket_packetOrMalformed(@ForAll("mutations") byte[] wire, @ForAll("contexts") DecoderContext ctx) {
        decodeAll(wire, ctx);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        return Arbitraries.randomValue(r -> mutate(r, validPacket(r)));
    }

    private static byte[] validPacket(Random r) {
        MqttVersion v = MqttVersion.values()[r.nextInt(3)];
        PacketGenerator.Case c = new PacketGenerator(r).any(v);
        return MqttEncoder.encodeToBytes(c.packet(), v);
    }

    private static byte[] mutate(Random r, byte[] wire) {
        byte[] b = wire.clone();
        switch (r.nextInt(5)) {
            case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));     // flip a bit
            case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);           // replace a byte
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length));                // truncate
            case 3 -> {                                                          // grow: trailing garbage, length fixed up
                b = Arrays.copyOf(b, b.length + 1 + r.nextInt(4));
                if (b[1] >= 0 && b[1] < 120) {
                    b[1] = (byte) (b[1] + b.length - wire.length);
                }
            }
            default -> {                                                         // shrink remaining length only
                if (b.length > 2 && b[1] > 0) {
                    b[1] = (byte) (b[1] - 1 - r.nextInt(b[1]));
                }
            }
        }
        return b;
    }

    /** Decodes packet after packet until the bytes run out; asserts the only failure is Malformed. */
    static void decodeAll(byte[] bytes, DecoderContext ctx) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            DecoderContext c = ctx;
            while (in.isReadable()) {
                int before = in.readerIndex();
                int length = MqttDecoder.frameLength(in, c);
                if (length == MqttDecoder.NEED_MORE || in.readableBytes() < length) {
                    return;
                }
                MqttPacket p = MqttDecoder.decode(in, c);
                assertThat(in.readerIndex()).isEqualTo(before + length);
                assertThat(p).isNotNull();
                if (c.version() == null && p instanceof Connect connect) {
                    c = c.withVersion(connect.version());
                }
            }
        } catch (MalformedPacketException expected) {
            assertThat(expected.reasonCode()).isNotNull();
            assertThat(expected.getStackTrace()).isEmpty();
        } finally {
            in.release();
        }
    }
}
