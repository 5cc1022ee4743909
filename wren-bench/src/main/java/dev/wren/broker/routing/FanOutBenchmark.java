package dev.wren.broker.routing;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Loop;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.QueueLimits;
import dev.wren.broker.session.Session;
import dev.wren.broker.session.SessionHooks;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Routing one PUBLISH to N sessions: the index match and {@code Matches.dispatch}, which turns
 * the matches into one {@link Delivery} per session, as {@code Router.publish} does, without the
 * session inboxes (the sink only consumes the deliveries). In this package because
 * {@code Matches} is package-private.
 *
 * <ul>
 *   <li>{@code perSession = 1}: N sessions on {@code fan/out} — plain fan-out, nothing to merge;
 *   <li>{@code perSession = 3}: each session also on {@code fan/+} and {@code fan/#}, each with a
 *       Subscription Identifier — three matches per session merged into one delivery.
 * </ul>
 *
 * Run with {@code -prof gc} and read {@code gc.alloc.rate.norm}: the {@code Delivery} records
 * (32 B each) are the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FanOutBenchmark {
    private static final String[] FILTERS = {"fan/out", "fan/+", "fan/#"};

    @Param({"10", "1000"})
    int sessions;

    @Param({"1", "3"})
    int perSession;

    private final ConcurrentTopicTrie<Object, Target> index = new ConcurrentTopicTrie<>();
    private final Matches matches = new Matches();
    private final Message message = new Message("fan/out", Binary.utf8("payload"), QoS.AT_LEAST_ONCE, false,
            PublishProperties.NONE, "publisher", Long.MAX_VALUE);
    private BiConsumer<Session, Delivery> sink;

    @Setup(Level.Trial)
    public void subscribe(Blackhole bh) {
        sink = (s, d) -> bh.consume(d);
        for (int i = 0; i < sessions; i++) {
            Session s = new Session("s" + i, IDLE_LOOP, new QueueLimits(1000, 1 << 20, false), NO_HOOKS,
                    new BrokerMetrics(), Clock.systemUTC(), null);
            for (int f = 0; f < perSession; f++) {
                int id = perSession == 1 ? 0 : f + 1;
                index.subscribe(FILTERS[f], s, new ClientSubscription(s, QoS.AT_LEAST_ONCE, false, false, id));
            }
        }
    }

    @Benchmark
    public int route() {
        matches.begin(message, null);
        try {
            index.match(message.topic(), matches);
            return matches.dispatch(sink);
        } finally {
            matches.clear();
        }
    }

    private static final Loop IDLE_LOOP = new Loop() {
        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            throw new UnsupportedOperationException("the benchmark never enqueues");
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            throw new UnsupportedOperationException("the benchmark never enqueues");
        }
    };

    private static final SessionHooks NO_HOOKS = new SessionHooks() {
        @Override
        public void publishWill(Session session, Message will) {}

        @Override
        public void removeSubscriptions(Session session) {}

        @Override
        public void offline(Session session) {}

        @Override
        public void willPublished(Session session) {}

        @Override
        public void ended(Session session) {}
    };
}
