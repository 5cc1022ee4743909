package dev.wren.client.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops clients use when the application supplies none: created on first use,
 * daemon threads, never shut down. One process-wide group is what lets thousands of clients
 * share two threads; it is the only static state of the library and it is immutable after
 * initialisation (holder idiom).
 */
public final class SharedEventLoops {
    private SharedEventLoops() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                new DefaultThreadFactory("wren-client", true), NioIoHandler.newFactory());
    }

    public static EventLoopGroup get() {
        return Holder.GROUP;
    }
}
