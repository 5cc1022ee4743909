package dev.wren.cli;

import picocli.CommandLine.Command;

/** {@code wren pub}. */
@Command(name = "pub", description = "Pub.")
public final class PubCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("pub");
    }
}
