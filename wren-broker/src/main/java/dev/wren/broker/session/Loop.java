package dev.wren.broker.session;

import java.util.concurrent.Executor;

/**
 * The single thread that a connection and its attached session are confined to: in the broker
 * a Netty event loop, in unit tests a manually drained queue.
 */
public interface Loop extends Executor {
    /** Whether the calling thread is this loop's thread. */
    boolean inLoop();

    /** Runs {@code task} on this loop after {@code delayNanos}; a task no longer wanted checks that itself. */
    void schedule(Runnable task, long delayNanos);
}
