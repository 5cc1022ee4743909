/**
 * Persistence SPI: what the broker tells a durable store, and what it reads back at start-up.
 *
 * <p>Every mutating call returns a {@link java.util.concurrent.CompletionStage} that completes
 * when the change is durable. The broker sends the acknowledgement that depends on a change
 * (PUBACK/PUBREC, SUBACK, UNSUBACK, CONNACK) only after its stage completes, and hops back to
 * the session's event loop to do so; on exceptional completion it does not acknowledge (5.0:
 * reason 0x80, else close). Stages may complete on any thread (e.g. a store's commit thread).
 *
 * <p>Sessions with Clean Start 1 and Session Expiry 0 never reach the store. The in-memory
 * implementation ({@link dev.wren.broker.persistence.MemoryPersistence}) completes every stage
 * at once and keeps nothing: the broker's session objects are the only copy.
 */
package dev.wren.broker.persistence;
