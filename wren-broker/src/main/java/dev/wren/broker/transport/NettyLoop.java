package dev.wren.broker.transport;

import dev.wren.broker.session.Loop;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/** A Netty event loop as a {@link Loop}; equal for the same event loop. Immutable. */
record NettyLoop(EventExecutor executor) implements Loop {
    @Override
    public boolean inLoop() {
        return executor.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }
}
