package dev.wren.broker.transport;

import dev.wren.broker.session.Loop;
import io.netty.util.concurrent.EventExecutor;

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
}
