package dev.wren.broker;

/** Thrown by {@link Broker#start(BrokerConfig)} when the broker cannot listen, e.g. the port is in use. */
public final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
