package dev.wren.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.UnsubAck;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MqttEncoder#fitToMaximum}: honouring the peer's Maximum Packet Size. */
class FitToMaximumTest {
    private static final MqttVersion V5 = MqttVersion.V5;
    private static final String LONG = "x".repeat(100);
    private static final List<UserProperty> USERS = List.of(new UserProperty("key", "value"));

    static Stream<MqttPacket> droppable() {
        return Stream.of(
                new PubAck(1, ReasonCode.QUOTA_EXCEEDED, LONG, USERS),
                new PubRec(1, ReasonCode.SUCCESS, LONG, USERS),
                new PubRel(1, ReasonCode.SUCCESS, LONG, USERS),
                new PubComp(1, ReasonCode.SUCCESS, LONG, USERS),
                new SubAck(1, List.of(ReasonCode.GRANTED_QOS_1), LONG, USERS),
                new UnsubAck(1, List.of(ReasonCode.SUCCESS), LONG, USERS),
                new Disconnect(ReasonCode.SERVER_SHUTTING_DOWN, -1, LONG, null, USERS),
                new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "M", null, LONG, USERS),
                new ConnAck(false, ReasonCode.SUCCESS, new ConnAckProperties(-1, 65535, 2, true, 0, null, 0, LONG, USERS,
                        true, true, true, -1, null, null, null, null)));
    }

    @ParameterizedTest
    @MethodSource("droppable")
    @DisplayName("[MQTT-3.4.2-2] and siblings: the Reason String is dropped first when the packet is too large")
    void fit_tooLargeWithReasonString_dropsReasonStringKeepsUserProperties(MqttPacket p) {
        int withoutReason = MqttEncoder.encodedLength(p, V5) - 103; // 1 id byte + 2 length bytes + 100 chars
        MqttPacket fitted = MqttEncoder.fitToMaximum(p, V5, withoutReason);
        assertThat(fitted).isNotNull();
        assertThat(MqttEncoder.encodedLength(fitted, V5)).isEqualTo(withoutReason);
        assertThat(fitted.toString()).doesNotContain(LONG).contains("value");
        assertThat(fitted.type()).isEqualTo(p.type());
    }

    @ParameterizedTest
    @MethodSource("droppable")
    @DisplayName("[MQTT-3.4.2-3] and siblings: then the User Properties are dropped")
    void fit_stillTooLarge_dropsUserPropertiesToo(MqttPacket p) {
        int bare = MqttEncoder.encodedLength(p, V5) - 103 - 13; // user property: 1 + (2+3) + (2+5)
        MqttPacket fitted = MqttEncoder.fitToMaximum(p, V5, bare);
        assertThat(fitted).isNotNull();
        assertThat(MqttEncoder.encodedLength(fitted, V5)).isLessThanOrEqualTo(bare);
        assertThat(fitted.toString()).doesNotContain(LONG).doesNotContain("value");
    }

    @ParameterizedTest
    @MethodSource("droppable")
    void fit_evenBarePacketTooLarge_returnsNull(MqttPacket p) {
        assertThat(MqttEncoder.fitToMaximum(p, V5, 2)).isNull();
    }

    @ParameterizedTest
    @MethodSource("droppable")
    void fit_fits_returnsSameInstance(MqttPacket p) {
        assertThat(MqttEncoder.fitToMaximum(p, V5, MqttEncoder.encodedLength(p, V5))).isSameAs(p);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-25] a PUBLISH is never altered: too large means null, the sender drops it")
    void fit_publishTooLarge_returnsNull_MQTT_3_1_2_25() {
        Publish p = new Publish("t", Binary.copyOf(new byte[100]), QoS.AT_LEAST_ONCE, false, false, 1,
                new PublishProperties(false, -1, null, null, null, USERS), 0, List.of());
        int size = MqttEncoder.encodedLength(p, V5);
        assertThat(MqttEncoder.fitToMaximum(p, V5, size)).isSameAs(p);
        assertThat(MqttEncoder.fitToMaximum(p, V5, size - 1)).isNull();
    }

    @Test
    void fit_v3PacketsHaveNothingToDrop() {
        PubAck p = new PubAck(1, ReasonCode.SUCCESS, LONG, USERS);
        assertThat(MqttEncoder.encodedLength(p, MqttVersion.V3_1_1)).isEqualTo(4);
        assertThat(MqttEncoder.fitToMaximum(p, MqttVersion.V3_1_1, 4)).isSameAs(p);
        assertThat(MqttEncoder.fitToMaximum(p, MqttVersion.V3_1_1, 3)).isNull();
    }
}
