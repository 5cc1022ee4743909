package dev.wren.bench.codec;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.wire.DecoderContext;
import dev.wren.codec.wire.MqttDecoder;
import dev.wren.codec.wire.MqttEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding and encoding one QoS 1 PUBLISH (topic {@code sensors/building-7/device-42/temperature})
 * with a 64 B or 4 KB payload, in MQTT 3.1.1 and 5.0 (5.0 with an empty property block), from and
 * into pooled direct buffers as the Netty pipeline does.
 *
 * <p>{@code decode} includes the validation of the fixed header, the strict UTF-8 check of the
 * topic, and the one copy of the payload into its {@link Binary}; {@code encode} includes
 * computing the encoded length and encoding with it, as {@code MqttPacketEncoder} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PublishCodecBenchmark {

    @Param({"64", "4096"})
    public int payloadSize;

    @Param({"V3_1_1", "V5"})
    public MqttVersion version;

    private Publish publish;
    private DecoderContext context;
    private ByteBuf encoded;
    private ByteBuf out;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] payload = new byte[payloadSize];
        new Random(42).nextBytes(payload);
        publish = new Publish("sensors/building-7/device-42/temperature", Binary.wrap(payload), QoS.AT_LEAST_ONCE,
                false, 4711);
        context = DecoderContext.server(version);
        encoded = MqttEncoder.encode(publish, version, PooledByteBufAllocator.DEFAULT);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(encoded.readableBytes());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoded.release();
        out.release();
    }

    @Benchmark
    public MqttPacket decode() {
        encoded.readerIndex(0);
        return MqttDecoder.decode(encoded, context);
    }

    @Benchmark
    public int encode() {
        out.clear();
        int length = MqttEncoder.encodedLength(publish, version);
        MqttEncoder.encode(publish, version, length, out);
        return out.writerIndex();
    }
}
