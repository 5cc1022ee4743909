package dev.wren.cli.bench;

import picocli.CommandLine.Command;

/** {@code wren bench SCENARIO}: a load generator for any MQTT broker. */
@Command(name = "bench", description = "Measure an MQTT broker: fanin, fanout, pairs, latency, conns.")
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("bench");
    }
}
