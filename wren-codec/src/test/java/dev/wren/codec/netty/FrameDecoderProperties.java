package dev.wren.codec.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.wire.MqttEncoder;
import dev.wren.codec.wire.PacketGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link MqttFrameDecoder} decodes a stream the same however it is split into reads, and never
 * leaks: every buffer written in is released (leak detection is paranoid in tests).
 */
class FrameDecoderProperties {

    /** A session: the packets one side sends, and the bytes on the wire. */
    record Stream(MqttVersion version, boolean serverSide, List<MqttPacket> packets, byte[] wire) {}

    @AfterContainer
    static void noLeaks() {
        LeakDetection.assertNoLeaks();
    }

    @Provide
    Arbitrary<Stream> streams() {
        return Arbitraries.randomValue(FrameDecoderProperties::stream);
    }

    private static Stream stream(Random r) {
        MqttVersion v = MqttVersion.values()[r.nextInt(3)];
        boolean serverSide = r.nextBoolean();
        PacketGenerator g = new PacketGenerator(r);
        List<MqttPacket> packets = new ArrayList<>();
        if (serverSide) {
            packets.add(new Connect(v, "c" + r.nextInt(100), true, 30, null, null, null, ConnectProperties.DEFAULT));
        }
        for (int i = r.nextInt(8); i > 0; i--) {
            packets.add(serverSide ? g.fromClient(v) : g.fromServer(v));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MqttPacket p : packets) {
            out.writeBytes(MqttEncoder.encodeToBytes(p, v));
        }
        return new Stream(v, serverSide, packets, out.toByteArray());
    }

    private static EmbeddedChannel channel(Stream s) {
        CodecState state = s.serverSide() ? new CodecState() : new CodecState(s.version());
        return new EmbeddedChannel(new MqttFrameDecoder(state, s.serverSide()));
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        return out;
    }

    @Property(tries = 300)
    void randomChunks_sameAsWhole(@ForAll("streams") Stream s, @ForAll long splitSeed) {
        EmbeddedChannel ch = channel(s);
        Random r = new Random(splitSeed);
        int i = 0;
        while (i < s.wire().length) {
            int n = Math.min(s.wire().length - i, 1 + r.nextInt(r.nextBoolean() ? 4 : 400));
            ch.writeInbound(Unpooled.copiedBuffer(s.wire(), i, n));
            i += n;
        }
        assertThat(drain(ch)).isEqualTo(s.packets());
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Property(tries = 100)
    void oneByteAtATime_sameAsWhole(@ForAll("streams") Stream s) {
        EmbeddedChannel ch = channel(s);
        for (byte b : s.wire()) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(drain(ch)).isEqualTo(s.packets());
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Property(tries = 100)
    void wholeStreamInOneRead_allPackets(@ForAll("streams") Stream s) {
        EmbeddedChannel ch = channel(s);
        ch.writeInbound(Unpooled.wrappedBuffer(s.wire()));
        assertThat(drain(ch)).isEqualTo(s.packets());
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Property(tries = 500)
    void garbage_onlyPacketsThenAtMostOneMalformed(@ForAll("streams") Stream s, @ForAll @Size(max = 40) byte[] garbage,
            @ForAll @IntRange(min = 1, max = 16) int chunk) {
        EmbeddedChannel ch = channel(s);
        byte[] wire = new byte[s.wire().length + garbage.length];
        System.arraycopy(s.wire(), 0, wire, 0, s.wire().length);
        System.arraycopy(garbage, 0, wire, s.wire().length, garbage.length);
        for (int i = 0; i < wire.length; i += chunk) {
            ByteBuf buf = Unpooled.copiedBuffer(wire, i, Math.min(chunk, wire.length - i));
            ch.writeInbound(buf);
        }
        List<Object> out = drain(ch);
        long errors = out.stream().filter(o -> o instanceof MalformedPacketException).count();
        assertThat(errors).isLessThanOrEqualTo(1);
        if (errors == 1) {
            assertThat(out.get(out.size() - 1)).isInstanceOf(MalformedPacketException.class);
        }
        assertThat(out.subList(0, Math.min(out.size(), s.packets().size()))).allMatch(o -> o instanceof MqttPacket
                || o instanceof MalformedPacketException);
        assertThat(out.subList(0, s.packets().size())).isEqualTo(s.packets());
        ch.checkException();
        ch.finishAndReleaseAll();
    }
}
