package dev.wren.cli;

import java.nio.file.Path;

/**
 * The one place that talks to the broker's embedding API ({@code dev.wren.broker.Broker}),
 * translating its failures into {@link CliException}s with advice.
 */
final class BrokerLauncher {
    private BrokerLauncher() {}

    /** A started broker. */
    interface Running extends AutoCloseable {
        /** {@code host:port} actually bound. */
        String address();

        @Override
        void close();
    }

    static String defaultConfigText() {
        throw new CliException(ExitCodes.USAGE, "this build has no broker configuration support yet");
    }

    static Running start(Path config, String host, Integer port) {
        throw new CliException(ExitCodes.USAGE, "this build has no broker yet");
    }
}
