package dev.wren.broker.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * Helpers for concurrency tests whose verdict does not depend on timing: threads are released together
 * and joined, and a contender can be parked on a monitor the test holds, so that a race is replayed in a
 * chosen order instead of hoped for.
 */
public final class Concurrently {

    private static final long TIMEOUT_SECONDS = 30;

    private Concurrently() {}

    /**
     * Runs {@code body} on {@code threads} new threads, passing each its index, all released at once;
     * returns when all have finished and rethrows the first failure.
     */
    public static void run(int threads, IntConsumer body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<FutureTask<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            FutureTask<Void> task = new FutureTask<>(() -> {
                start.await();
                body.accept(index);
                return null;
            });
            tasks.add(task);
            Thread thread = new Thread(task, "concurrently-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        start.countDown();
        for (FutureTask<Void> task : tasks) {
            await(task);
        }
    }

    /**
     * Starts {@code action} on a new thread and returns once that thread is blocked entering a monitor,
     * typically one the calling test holds. Fails if the action finishes without blocking.
     */
    public static <T> FutureTask<T> startAndAwaitBlocked(Callable<T> action) {
        FutureTask<T> task = new FutureTask<>(action);
        Thread thread = new Thread(task, "contender");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (thread.getState() != Thread.State.BLOCKED) {
            if (task.isDone()) {
                throw new AssertionError("the contender finished without blocking");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the contender never blocked");
            }
            Thread.yield();
        }
        return task;
    }

    /** Waits for a task started by this class and returns its result, rethrowing its failure. */
    public static <T> T await(FutureTask<T> task) throws Exception {
        try {
            return task.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a thread did not finish in " + TIMEOUT_SECONDS + " s: deadlock?", e);
        }
    }
}
