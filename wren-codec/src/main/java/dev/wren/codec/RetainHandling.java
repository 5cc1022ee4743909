package dev.wren.codec;

/** MQTT 5.0 subscription option: when retained messages are sent on subscribe (3.8.3.1). */
public enum RetainHandling {
    /** 0: send retained messages at the time of every subscribe. */
    SEND,
    /** 1: send retained messages only if the subscription did not exist yet. */
    SEND_IF_NEW,
    /** 2: do not send retained messages at subscribe. */
    DO_NOT_SEND;

    private static final RetainHandling[] VALUES = values();

    public int value() {
        return ordinal();
    }

    public static RetainHandling of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("Retain Handling must be 0, 1 or 2, not " + value);
        }
        return VALUES[value];
    }
}
