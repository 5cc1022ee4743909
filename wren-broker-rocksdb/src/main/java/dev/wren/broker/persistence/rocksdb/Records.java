package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk value formats. Every value starts with a version byte so that a later Wren can
 * read old records and an old Wren refuses a newer record instead of misreading it. The layouts
 * are documented byte by byte in docs/persistence.md; keep the two in step.
 */
final class Records {
    static final int V1 = 1;
    /**
     * Session records from the version that stores wills: the will field is the will still
     * pending (see {@link StoredSession#will()}). In a version 1 record it was the will of the last
     * CONNECT, kept even after it was published or suppressed.
     */
    static final int SESSION_V2 = 2;

    private static final int P_UTF8 = 1;
    private static final int P_CONTENT_TYPE = 1 << 1;
    private static final int P_RESPONSE_TOPIC = 1 << 2;
    private static final int P_CORRELATION = 1 << 3;
    private static final int P_EXPIRY = 1 << 4;

    private Records() {}

    static byte[] encodeMessage(StoredMessage m) {
        RecordWriter w = new RecordWriter(48 + m.topic().length() + m.payload().length());
        w.putByte(V1).putByte(m.qos().value() | (m.retain() ? 4 : 0) | (m.origin() != null ? 8 : 0));
        w.putLong(m.arrivalMillis()).putLong(m.expiresAtMillis());
        w.putString(m.topic()).putBinary(m.payload());
        if (m.origin() != null) {
            w.putString(m.origin());
        }
        writeProperties(w, m.properties());
        return w.toByteArray();
    }

    static StoredMessage decodeMessage(long id, byte[] value) {
        RecordReader r = reader(value, "message");
        int flags = r.getByte();
        long arrival = r.getLong();
        long expiresAt = r.getLong();
        String topic = r.getString();
        Binary payload = r.getBinary();
        String origin = (flags & 8) != 0 ? r.getString() : null;
        PublishProperties props = readProperties(r);
        r.expectEnd();
        return new StoredMessage(id, topic, payload, qos(flags & 3), (flags & 4) != 0, props, origin, arrival,
                expiresAt);
    }

    /** The expiry time of an encoded message without decoding the rest: bytes 10..17. */
    static long messageExpiresAt(byte[] value) {
        RecordReader r = reader(value, "message");
        r.getByte();
        r.getLong();
        return r.getLong();
    }

    static byte[] encodeSession(StoredSession s) {
        RecordWriter w = new RecordWriter(64);
        w.putByte(SESSION_V2).putByte(s.protocolVersion()).putLong(s.expiryIntervalSeconds())
                .putLong(s.disconnectedAtMillis());
        Will will = s.will();
        if (will == null) {
            return w.putByte(0).toByteArray();
        }
        w.putByte(1 | will.qos().value() << 1 | (will.retain() ? 8 : 0));
        w.putString(will.topic()).putBinary(will.payload()).putVarLong(will.delayInterval());
        writeProperties(w, will.properties());
        return w.toByteArray();
    }

    /**
     * Reads version 1 and 2 session records. A version 1 record of an offline session carries the
     * will of its last CONNECT, which may have been published or suppressed already: it is read
     * as no will, so that it is never published twice. A version 1 record of a session that was
     * online (the broker stopped under it) keeps its will: it was never published.
     */
    static StoredSession decodeSession(String clientId, byte[] value) {
        RecordReader r = new RecordReader(value);
        int version = r.getByte();
        if (version != V1 && version != SESSION_V2) {
            throw new CorruptRecordException("session record has unknown version " + version);
        }
        int protocolVersion = r.getByte();
        long expiry = r.getLong();
        long disconnectedAt = r.getLong();
        int willFlags = r.getByte();
        Will will = null;
        if ((willFlags & 1) != 0) {
            String topic = r.getString();
            Binary payload = r.getBinary();
            long delay = r.getVarLong();
            will = new Will(topic, payload, qos(willFlags >> 1 & 3), (willFlags & 8) != 0, delay, readProperties(r));
        }
        r.expectEnd();
        if (version == V1 && disconnectedAt >= 0) {
            will = null;
        }
        return new StoredSession(clientId, protocolVersion, expiry, disconnectedAt, will);
    }

    static byte[] encodeSubscription(StoredSubscription s) {
        Subscription sub = s.subscription();
        int options = sub.qos().value() | (sub.noLocal() ? 4 : 0) | (sub.retainAsPublished() ? 8 : 0)
                | sub.retainHandling().value() << 4;
        return new RecordWriter(8).putByte(V1).putByte(options).putVarLong(s.subscriptionIdentifier()).toByteArray();
    }

    static StoredSubscription decodeSubscription(String clientId, String filter, byte[] value) {
        RecordReader r = reader(value, "subscription");
        int options = r.getByte();
        int subscriptionId = (int) r.getVarLong();
        r.expectEnd();
        Subscription sub = new Subscription(new TopicFilter(filter), qos(options & 3), (options & 4) != 0,
                (options & 8) != 0, RetainHandling.of(options >> 4 & 3));
        return new StoredSubscription(clientId, sub, subscriptionId);
    }

    static byte[] encodeQueueEntry(QueueEntry e) {
        RecordWriter w = new RecordWriter(24);
        int flags = e.qos().value() | e.state().ordinal() << 2 | (e.retain() ? 16 : 0)
                | (e.sharedFilter() != null ? 32 : 0);
        w.putByte(V1).putByte(flags);
        w.putLong(e.messageId()).putShort(e.packetId()).putVarLong(e.subscriptionIds().size());
        for (int id : e.subscriptionIds()) {
            w.putVarLong(id);
        }
        if (e.sharedFilter() != null) {
            w.putString(e.sharedFilter());
        }
        return w.toByteArray();
    }

    static QueueEntry decodeQueueEntry(String clientId, long seq, byte[] value) {
        RecordReader r = reader(value, "queue entry");
        int flags = r.getByte();
        long messageId = r.getLong();
        int packetId = r.getShort();
        int count = r.getLength();
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add((int) r.getVarLong());
        }
        String sharedFilter = (flags & 32) != 0 ? r.getString() : null;
        r.expectEnd();
        return new QueueEntry(clientId, seq, messageId, qos(flags & 3), QueueEntry.State.of(flags >> 2 & 3),
                packetId, (flags & 16) != 0, ids, sharedFilter);
    }

    /** An inbound QoS 2 id awaiting PUBREL: only the time it arrived, for diagnostics. */
    static byte[] encodeInbound(long receivedAtMillis) {
        return new RecordWriter(9).putByte(V1).putLong(receivedAtMillis).toByteArray();
    }

    static long decodeInbound(byte[] value) {
        RecordReader r = reader(value, "inbound QoS 2 id");
        long receivedAt = r.getLong();
        r.expectEnd();
        return receivedAt;
    }

    private static void writeProperties(RecordWriter w, PublishProperties p) {
        int flags = (p.payloadUtf8() ? P_UTF8 : 0) | (p.contentType() != null ? P_CONTENT_TYPE : 0)
                | (p.responseTopic() != null ? P_RESPONSE_TOPIC : 0) | (p.correlationData() != null ? P_CORRELATION : 0)
                | (p.hasMessageExpiry() ? P_EXPIRY : 0);
        w.putByte(flags);
        if (p.hasMessageExpiry()) {
            w.putVarLong(p.messageExpiryInterval());
        }
        if (p.contentType() != null) {
            w.putString(p.contentType());
        }
        if (p.responseTopic() != null) {
            w.putString(p.responseTopic());
        }
        if (p.correlationData() != null) {
            w.putBinary(p.correlationData());
        }
        w.putVarLong(p.userProperties().size());
        for (UserProperty u : p.userProperties()) {
            w.putString(u.name()).putString(u.value());
        }
    }

    private static PublishProperties readProperties(RecordReader r) {
        int flags = r.getByte();
        long expiry = (flags & P_EXPIRY) != 0 ? r.getVarLong() : -1;
        String contentType = (flags & P_CONTENT_TYPE) != 0 ? r.getString() : null;
        String responseTopic = (flags & P_RESPONSE_TOPIC) != 0 ? r.getString() : null;
        Binary correlation = (flags & P_CORRELATION) != 0 ? r.getBinary() : null;
        int count = r.getLength();
        List<UserProperty> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new UserProperty(r.getString(), r.getString()));
        }
        if (flags == 0 && users.isEmpty()) {
            return PublishProperties.NONE;
        }
        return new PublishProperties((flags & P_UTF8) != 0, expiry, contentType, responseTopic, correlation, users);
    }

    private static RecordReader reader(byte[] value, String what) {
        RecordReader r = new RecordReader(value);
        int version = r.getByte();
        if (version != V1) {
            throw new CorruptRecordException(what + " record has unknown version " + version);
        }
        return r;
    }

    private static QoS qos(int value) {
        if (value > 2) {
            throw new CorruptRecordException("QoS " + value);
        }
        return QoS.of(value);
    }
}
