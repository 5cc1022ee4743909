package dev.wren.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;
import dev.wren.codec.netty.LeakDetection;
import dev.wren.codec.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Encode then decode gives back the same packet, for random valid packets of every type and version. */
class RoundTripProperties {

    @AfterContainer
    static void noLeaks() {
        LeakDetection.assertNoLeaks();
    }

    @Provide
    Arbitrary<PacketGenerator.Case> cases() {
        Arbitrary<MqttVersion> versions = Arbitraries.of(MqttVersion.class);
        return versions.flatMap(v -> Arbitraries.randomValue(r -> new PacketGenerator(r).any(v)));
    }

    @Property(tries = 1000)
    void encodeThenDecode_isIdentity(@ForAll("cases") PacketGenerator.Case c) {
        byte[] wire = MqttEncoder.encodeToBytes(c.packet(), c.version());
        assertThat(wire).hasSize(MqttEncoder.encodedLength(c.packet(), c.version()));
        MqttPacket decoded = CodecSupport.decode(wire, c.context());
        assertThat(decoded).isEqualTo(c.packet());
    }

    @Property(tries = 300)
    void encodeIntoPooledDirectBuffer_sameBytes(@ForAll("cases") PacketGenerator.Case c) {
        ByteBuf direct = MqttEncoder.encode(c.packet(), c.version(), PooledByteBufAllocator.DEFAULT);
        try {
            byte[] fromDirect = new byte[direct.readableBytes()];
            direct.getBytes(direct.readerIndex(), fromDirect);
            assertThat(fromDirect).isEqualTo(MqttEncoder.encodeToBytes(c.packet(), c.version()));
            assertThat(MqttDecoder.decode(direct, c.context())).isEqualTo(c.packet());
        } finally {
            direct.release();
        }
    }

    @Property(tries = 300)
    void encodeWithKnownLength_sameBytes(@ForAll("cases") PacketGenerator.Case c) {
        int length = MqttEncoder.encodedLength(c.packet(), c.version());
        ByteBuf out = Unpooled.buffer(length, length);
        try {
            MqttEncoder.encode(c.packet(), c.version(), length, out);
            assertThat(ByteBufUtil.getBytes(out))
                    .isEqualTo(MqttEncoder.encodeToBytes(c.packet(), c.version()));
        } finally {
            out.release();
        }
    }

    @Property(tries = 200)
    void generator_coversEveryTypeDeterministically(@ForAll long seed) {
        PacketGenerator g = new PacketGenerator(new Random(seed));
        for (MqttVersion v : MqttVersion.values()) {
            for (PacketType t : PacketType.values()) {
                if (t == PacketType.AUTH && !v.isV5()) {
                    continue;
                }
                PacketGenerator.Case c = g.of(t, v);
                assertThat(CodecSupport.decode(MqttEncoder.encodeToBytes(c.packet(), v), c.context()))
                        .isEqualTo(c.packet());
            }
        }
    }
}
