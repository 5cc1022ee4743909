package dev.wren.client;

/**
 * Receives {@link ConnectionEvent}s. Called on the client's I/O thread: return quickly and
 * never block.
 */
@FunctionalInterface
public interface ConnectionListener {
    void onEvent(ConnectionEvent event);
}
