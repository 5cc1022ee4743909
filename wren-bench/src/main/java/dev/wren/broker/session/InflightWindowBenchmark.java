package dev.wren.broker.session;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One QoS 1 delivery through the outbound in-flight window, as {@code OutboundFlow} does it:
 * allocate a packet id not in flight, record the delivery, and on its PUBACK look it up and
 * remove it; the window stays {@code window} deep, acks arrive oldest first. {@link InflightWindow}
 * (int-keyed, intrusive send order) against the {@code LinkedHashMap<Integer, ...>} it replaced
 * (boxed ids above 127, one map entry per delivery).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InflightWindowBenchmark {
    private static final Delivery D = new Delivery(
            new Message("t", Binary.utf8("x"), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE, "p", Long.MAX_VALUE),
            QoS.AT_LEAST_ONCE, false, List.of(), null);

    @Param({"16", "1024"})
    int window;

    private InflightWindow table;
    private LinkedHashMap<Integer, InflightWindow.Entry> map;
    private int nextId;
    private int oldestId;

    @Setup
    public void setup() {
        table = new InflightWindow();
        map = new LinkedHashMap<>();
        for (int id = 1; id <= window; id++) {
            table.add(new InflightWindow.Entry(id, D));
            map.put(id, new InflightWindow.Entry(id, D));
        }
        nextId = window + 1;
        oldestId = 1;
    }

    private static int after(int id) {
        return id == 65535 ? 1 : id + 1;
    }

    @Benchmark
    public InflightWindow.Entry inflightWindow() {
        InflightWindow.Entry acked = table.get(oldestId);
        table.remove(acked);
        oldestId = after(oldestId);
        int id = nextId;
        while (table.contains(id)) {
            id = after(id);
        }
        nextId = after(id);
        InflightWindow.Entry e = new InflightWindow.Entry(id, D);
        table.add(e);
        return acked;
    }

    @Benchmark
    public InflightWindow.Entry linkedHashMap() {
        InflightWindow.Entry acked = map.get(oldestId);
        map.remove(oldestId);
        oldestId = after(oldestId);
        int id = nextId;
        while (map.containsKey(id)) {
            id = after(id);
        }
        nextId = after(id);
        InflightWindow.Entry e = new InflightWindow.Entry(id, D);
        map.put(id, e);
        return acked;
    }
}
