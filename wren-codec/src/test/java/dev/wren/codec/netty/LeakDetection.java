package dev.wren.codec.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns Netty's leak reports into test failures. The test argLine sets leak detection to
 * {@code paranoid}, so every buffer is tracked, but Netty only logs a leak; this listener
 * records it and {@link #assertNoLeaks()} fails the test class. A leaked buffer is reported
 * only after it was garbage-collected, so the check collects first (best effort: a leak can be
 * missed, a clean run cannot fail).
 */
public final class LeakDetection implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        try {
            Field f = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            f.setAccessible(true);
            ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) f.get(null);
            detector.setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks();
    }

    /** Collects garbage, lets the detector poll its queue, and fails if any buffer leaked. */
    public static void assertNoLeaks() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            // Each tracked allocation makes the detector report what the GC has enqueued.
            ByteBuf probe = Unpooled.directBuffer(1);
            probe.release();
        }
        assertThat(LEAKS).as("leaked ByteBufs").isEmpty();
    }
}
