package dev.wren.broker.persistence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Helpers for store completion stages. Stateless. */
public final class Stages {
    /** An already completed stage. */
    public static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private Stages() {}

    /**
     * Runs {@code then} with {@code true} (durable) or {@code false} (store failed) once
     * {@code stage} completes: at once on the calling thread if it already has, otherwise on
     * {@code loop} (stores complete on their own threads).
     */
    public static void whenDurable(CompletionStage<Void> stage, Executor loop, Consumer<Boolean> then) {
        if (stage instanceof CompletableFuture<Void> f && f.isDone()) {
            then.accept(!f.isCompletedExceptionally());
            return;
        }
        stage.whenComplete((v, e) -> loop.execute(() -> then.accept(e == null)));
    }

    /** A stage that completes when both have. */
    public static CompletionStage<Void> both(CompletionStage<Void> a, CompletionStage<Void> b) {
        if (a == DONE) {
            return b;
        }
        if (b == DONE) {
            return a;
        }
        return a.thenCombine(b, (x, y) -> null);
    }
}
