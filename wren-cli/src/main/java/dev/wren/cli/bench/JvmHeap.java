package dev.wren.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live Java heap of another JVM (a Java broker) through {@code jcmd}: a full GC, then the heap's
 * "used" figure. RSS says little about a JVM, whose heap is reserved up front.
 */
final class JvmHeap {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private JvmHeap() {}

    /** Used heap in kB after a GC, or -1 if {@code pid} is not a JVM we can attach to. */
    static long usedKbAfterGc(long pid) {
        if (!isJava(pid)) {
            return -1;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        if (run(jcmd, pid, "GC.run") == null) {
            return -1;
        }
        String info = run(jcmd, pid, "GC.heap_info");
        Matcher m = info == null ? null : USED.matcher(info);
        return m != null && m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static boolean isJava(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.endsWith("/java")).orElse(false);
    }

    private static String run(String jcmd, long pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
