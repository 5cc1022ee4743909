package dev.wren.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The bench's own CPU use, so readers can tell whether it measured the broker or itself. */
final class CpuMeter {
    private final long startCpu = cpuNanos();
    private final long startWall = System.nanoTime();

    /** Process CPU time over wall time since creation, in percent of one core. */
    double percent() {
        long wall = System.nanoTime() - startWall;
        long cpu = cpuNanos() - startCpu;
        return wall <= 0 || cpu < 0 ? 0 : 100.0 * cpu / wall;
    }

    private static long cpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
