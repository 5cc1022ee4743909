package dev.wren.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The pipeline of an admin HTTP connection (see {@link AdminHttpHandler}). */
public final class AdminHttpInitializer extends ChannelInitializer<Channel> {
    private final AdminHttpHandler handler;

    /**
     * @param metrics renders the metrics page
     * @param serving whether the broker serves (health)
     */
    public AdminHttpInitializer(Supplier<String> metrics, BooleanSupplier serving) {
        this.handler = new AdminHttpHandler(metrics, serving);
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast(new ReadTimeoutHandler(30)) // scrapers keep connections; idle ones go
                .addLast(new HttpServerCodec(4096, 8192, 8192))
                .addLast(new HttpObjectAggregator(64 * 1024))
                .addLast(handler);
    }
}
