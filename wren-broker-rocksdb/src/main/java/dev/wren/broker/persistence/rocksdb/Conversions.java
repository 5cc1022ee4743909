package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.session.Message;
import dev.wren.codec.MqttVersion;

/** Between the broker's types and the stored records. */
final class Conversions {
    private Conversions() {}

    /** The broker's "never expires" is {@link Long#MAX_VALUE}; the record's is -1. */
    static StoredMessage toStored(long id, Message m, String publisher, long nowMillis) {
        long expiresAt = m.expiresAtMillis() == Long.MAX_VALUE ? -1 : m.expiresAtMillis();
        String origin = m.origin() != null ? m.origin() : publisher;
        return new StoredMessage(id, m.topic(), m.payload(), m.qos(), m.retain(), m.properties(), origin, nowMillis,
                expiresAt);
    }

    static Message toMessage(StoredMessage m) {
        long expiresAt = m.expiresAtMillis() < 0 ? Long.MAX_VALUE : m.expiresAtMillis();
        return new Message(m.topic(), m.payload(), m.qos(), m.retain(), m.properties(), m.origin(), expiresAt);
    }

    static MqttVersion version(int level) {
        return switch (level) {
            case 3 -> MqttVersion.V3_1;
            case 4 -> MqttVersion.V3_1_1;
            case 5 -> MqttVersion.V5;
            default -> throw new CorruptRecordException("protocol level " + level);
        };
    }
}
