package dev.wren.broker;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.transport.NettyServer;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable MQTT 3.1 / 3.1.1 / 5.0 broker.
 *
 * <pre>{@code
 * try (Broker broker = Broker.start(BrokerConfig.builder().port(0).build())) {
 *     int port = broker.port();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #close()} is idempotent.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final NettyServer server;
    private final InetSocketAddress address;
    private volatile boolean closed;

    private Broker(BrokerConfig config) {
        this.config = config;
        this.server = new NettyServer(config, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.close();
            }
        });
        this.address = server.bind();
        LOG.info("Wren broker listening on {}:{}", address.getHostString(), address.getPort());
    }

    /**
     * Starts a broker and returns once it listens.
     *
     * @throws BrokerStartException if the address cannot be bound
     */
    public static Broker start(BrokerConfig config) {
        return new Broker(config);
    }

    /** The bound TCP port (the ephemeral one if the configured port was 0). */
    public int port() {
        return address.getPort();
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return address;
    }

    /** The configuration this broker runs with. */
    public BrokerConfig config() {
        return config;
    }

    /** Counters and gauges, read-only for callers. */
    public BrokerMetrics metrics() {
        return metrics;
    }

    /**
     * Runs one expiry sweep now, with time from the configured clock: ends expired offline
     * sessions, publishes due delayed wills, drops expired retained messages. The broker also
     * runs it every {@link BrokerConfig#maintenanceIntervalMillis()}.
     */
    public void runMaintenance() {
        // filled in with the session registry
    }

    /**
     * Stops the broker gracefully: stops accepting, sends DISCONNECT 0x8B (Server shutting
     * down) to MQTT 5 clients and closes every connection, publishing wills as for any
     * connection closed without a normal DISCONNECT, then stops the event loops.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        LOG.info("Wren broker stopped");
    }
}
