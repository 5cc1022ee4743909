package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
    private static final PublishProperties ALL_PROPS = new PublishProperties(true, 3600, "text/plain", "reply/to",
            Binary.utf8("corr"), List.of(new UserProperty("a", "1"), new UserProperty("a", "2"), new UserProperty("ü", "")));

    @Test
    void message_allProperties_roundTrips() {
        StoredMessage m = new StoredMessage(42, "a/b", Binary.utf8("payload"), QoS.EXACTLY_ONCE, true, ALL_PROPS, "pub-1",
                1000, 3_601_000);
        StoredMessage back = Records.decodeMessage(42, Records.encodeMessage(m));
        assertThat(back).isEqualTo(m);
        assertThat(Records.messageExpiresAt(Records.encodeMessage(m))).isEqualTo(3_601_000);
    }

    @Test
    void message_noProperties_decodesToSharedNone() {
        StoredMessage m = StoredMessage.arrived(1, "t", Binary.EMPTY, QoS.AT_LEAST_ONCE, false, null, null, 5);
        StoredMessage back = Records.decodeMessage(1, Records.encodeMessage(m));
        assertThat(back.properties()).isSameAs(PublishProperties.NONE);
        assertThat(back.expiresAtMillis()).isEqualTo(-1);
        assertThat(Records.encodeMessage(m)).hasSizeLessThan(30);
    }

    @Test
    void session_withWill_roundTrips() {
        Will will = new Will("last/will", Binary.utf8("bye"), QoS.AT_LEAST_ONCE, true, 30, ALL_PROPS);
        StoredSession s = new StoredSession("client-ü", 5, StoredSession.NEVER_EXPIRES, 77, will);
        assertThat(Records.decodeSession("client-ü", Records.encodeSession(s))).isEqualTo(s);
    }

    @Test
    void session_withoutWill_roundTrips() {
        StoredSession s = new StoredSession("c", 4, 0, -1, null);
        assertThat(Records.decodeSession("c", Records.encodeSession(s))).isEqualTo(s);
    }

    @Test
    void session_version1Offline_readsWithoutWill() {
        Will will = new Will("w", Binary.utf8("bye"), QoS.AT_MOST_ONCE, false, 0, PublishProperties.NONE);
        byte[] v1 = Records.encodeSession(new StoredSession("c", 5, 60, 1000, will));
        v1[0] = Records.V1;
        assertThat(Records.decodeSession("c", v1)).isEqualTo(new StoredSession("c", 5, 60, 1000, null));
    }

    @Test
    void session_version1Online_keepsWill() {
        Will will = new Will("w", Binary.utf8("bye"), QoS.AT_MOST_ONCE, false, 10, PublishProperties.NONE);
        StoredSession online = new StoredSession("c", 5, 60, -1, will);
        byte[] v1 = Records.encodeSession(online);
        v1[0] = Records.V1;
        assertThat(Records.decodeSession("c", v1)).isEqualTo(online);
    }

    @Test
    void session_unknownVersion_rejectsAsCorrupt() {
        byte[] bytes = Records.encodeSession(new StoredSession("c", 5, 60, -1, null));
        bytes[0] = 3;
        assertThatThrownBy(() -> Records.decodeSession("c", bytes))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("version 3");
    }

    @Test
    void subscription_allOptions_roundTrips() {
        Subscription sub = new Subscription(new TopicFilter("$share/g/a/+"), QoS.EXACTLY_ONCE, true, true,
                RetainHandling.DO_NOT_SEND);
        StoredSubscription s = new StoredSubscription("c", sub, 268_435_455);
        assertThat(Records.decodeSubscription("c", "$share/g/a/+", Records.encodeSubscription(s))).isEqualTo(s);
    }

    @Test
    void queueEntry_sentWithSubscriptionIds_roundTrips() {
        QueueEntry e = QueueEntry.queued("c", 9, 42, QoS.EXACTLY_ONCE, true, List.of(1, 300), "$share/g/t").sent(65535);
        assertThat(Records.decodeQueueEntry("c", 9, Records.encodeQueueEntry(e))).isEqualTo(e);
        QueueEntry released = e.released();
        assertThat(Records.decodeQueueEntry("c", 9, Records.encodeQueueEntry(released))).isEqualTo(released);
    }

    @Test
    void decode_unknownVersion_rejectsAsCorrupt() {
        byte[] bytes = Records.encodeQueueEntry(QueueEntry.queued("c", 1, 1, QoS.AT_LEAST_ONCE, false, null, null));
        bytes[0] = 2;
        assertThatThrownBy(() -> Records.decodeQueueEntry("c", 1, bytes))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("version 2");
    }

    @Test
    void decode_truncatedOrTrailingBytes_rejectsAsCorrupt() {
        byte[] bytes = Records.encodeMessage(new StoredMessage(1, "a/b", Binary.utf8("xyz"), QoS.AT_LEAST_ONCE, false,
                ALL_PROPS, null, 0, -1));
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> Records.decodeMessage(1, truncated)).isInstanceOf(CorruptRecordException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> Records.decodeMessage(1, longer)).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void keys_clientPrefix_separatesClientsThatArePrefixesOfEachOther() {
        byte[] a = Keys.queue("a", 1);
        assertThat(Keys.startsWith(a, Keys.clientPrefix("a"))).isTrue();
        assertThat(Keys.startsWith(Keys.queue("ab", 1), Keys.clientPrefix("a"))).isFalse();
        assertThat(Keys.clientOf(a)).isEqualTo("a");
        assertThat(Keys.longAt(Keys.suffix(a), 0)).isEqualTo(1);
        assertThat(Keys.prefixEnd(new byte[] {1, (byte) 0xFF})).containsExactly(2);
    }
}
