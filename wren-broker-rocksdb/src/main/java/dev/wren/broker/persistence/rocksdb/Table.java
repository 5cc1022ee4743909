package dev.wren.broker.persistence.rocksdb;

import java.nio.charset.StandardCharsets;

/** The column families of a Wren store; key and value formats are in docs/persistence.md. */
public enum Table {
    /** client id → {@link StoredSession}. */
    SESSIONS("sessions"),
    /** client prefix + filter → {@link StoredSubscription} options. */
    SUBSCRIPTIONS("subscriptions"),
    /** message id → {@link StoredMessage}, stored once however many queues reference it. */
    MESSAGES("messages"),
    /** client prefix + seq → {@link QueueEntry}: queued and in-flight outbound deliveries. */
    QUEUE("queue"),
    /** client prefix + packet id → arrival time: inbound QoS 2 ids awaiting PUBREL. */
    INBOUND("inbound_qos2"),
    /** topic → {@link StoredMessage}: retained messages. */
    RETAINED("retained"),
    /** Store-wide markers, e.g. {@link Keys#CLEAN_SHUTDOWN}. */
    META("meta");

    private final String cfName;

    Table(String cfName) {
        this.cfName = cfName;
    }

    /** The RocksDB column family name. */
    public String cfName() {
        return cfName;
    }

    byte[] nameBytes() {
        return cfName.getBytes(StandardCharsets.UTF_8);
    }
}
