package dev.wren.broker.connection;

import dev.wren.broker.session.Loop;
import java.util.ArrayDeque;

/** A loop driven by the test thread: tasks queue up until {@link #runPending()}. Single-threaded tests only. */
final class ManualLoop implements Loop {
    private static ManualLoop current;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public boolean inLoop() {
        return current == this;
    }

    @Override
    public void execute(Runnable task) {
        tasks.addLast(task);
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
        boolean ran = false;
        Runnable t;
        while ((t = tasks.pollFirst()) != null) {
            run(t);
            ran = true;
        }
        return ran;
    }
}
