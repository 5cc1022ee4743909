package dev.wren.cli;

import picocli.CommandLine.Command;

/** {@code wren sub}. */
@Command(name = "sub", description = "Sub.")
public final class SubCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("sub");
    }
}
