package dev.wren.codec;

/** Quality of service of a PUBLISH. */
public enum QoS {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    private static final QoS[] VALUES = values();

    public int value() {
        return ordinal();
    }

    /** The QoS for 0, 1 or 2; anything else is the caller's protocol violation. */
    public static QoS of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + value);
        }
        return VALUES[value];
    }

    /** The lower of two QoS levels: a delivery never exceeds the granted QoS [MQTT-3.8.4-8]. */
    public static QoS min(QoS a, QoS b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
