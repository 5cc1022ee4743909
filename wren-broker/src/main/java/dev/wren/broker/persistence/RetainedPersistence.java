package dev.wren.broker.persistence;

import dev.wren.broker.session.Message;
import java.util.concurrent.CompletionStage;

/** The retained messages. Thread-safe. */
public interface RetainedPersistence {
    /** Stores {@code message} as the retained message of its topic; an empty payload clears the topic. */
    CompletionStage<Void> retain(Message message);
}
