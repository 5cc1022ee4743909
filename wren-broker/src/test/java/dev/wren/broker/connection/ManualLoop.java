package dev.wren.broker.connection;

import dev.wren.broker.session.Loop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A loop driven by the test thread: tasks queue up until {@link #runPending()}; scheduled tasks
 * become due when the harness clock ({@code nanos}) reaches their time. Single-threaded tests only.
 */
final class ManualLoop implements Loop {
    private static ManualLoop current;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private final LongSupplier nanos;

    private record Timer(long dueNanos, Runnable task) {}

    ManualLoop() {
        this(() -> 0L);
    }

    ManualLoop(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public boolean inLoop() {
        return current == this;
    }

    @Override
    public void execute(Runnable task) {
        tasks.addLast(task);
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        timers.add(new Timer(nanos.getAsLong() + delayNanos, task));
    }

    /** Scheduled tasks not yet run. */
    int timers() {
        return timers.size();
    }

    void run(Runnable r) {
        ManualLoop previous = current;
        current = this;
        try {
            r.run();
        } finally {
            current = previous;
        }
    }

    boolean runPending() {
        long now = nanos.getAsLong();
        for (Timer t : List.copyOf(timers)) {
            if (t.dueNanos() <= now) {
                timers.remove(t);
                tasks.addLast(t.task());
            }
        }
        boolean ran = false;
        Runnable t;
        while ((t = tasks.pollFirst()) != null) {
            run(t);
            ran = true;
        }
        return ran;
    }
}
