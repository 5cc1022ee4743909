package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 flow control and size limits: Receive Maximum, Maximum Packet Size, Topic Alias. */
@Timeout(30)
class FlowControlIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.receiveMaximum(3).maxPacketSize(256).topicAliasMaximum(4));

    @Test
    @DisplayName("[MQTT-3.3.4-7][4.9] v5: more unacknowledged QoS 2 PUBLISHes than the server's Receive Maximum gets DISCONNECT 0x93")
    void receiveMaximum_exceeded_disconnect0x93() {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connectOk(MqttVersion.V5, "greedy");
        assertThat(ack.properties().receiveMaximum()).isEqualTo(3);
        for (int id = 1; id <= 3; id++) {
            c.send(Packets.publish("rm/t", "x", QoS.EXACTLY_ONCE, id));
            assertThat(c.expect(PubRec.class).packetId()).isEqualTo(id); // no PUBREL: stays in flight
        }
        c.send(Packets.publish("rm/t", "x", QoS.EXACTLY_ONCE, 4));
        c.expectDisconnect(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
    }

    @Test
    @DisplayName("[MQTT-3.3.4-9] v5: the server sends no more unacknowledged QoS 1 PUBLISHes than the client's Receive Maximum")
    void clientReceiveMaximum_respected() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("slow").receiveMaximum(2).build());
        sub.subscribe("crm/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        for (int i = 0; i < 5; i++) {
            pub.publish("crm/t", "m" + i, QoS.AT_LEAST_ONCE);
        }
        Publish a = sub.expect(Publish.class);
        Publish b = sub.expect(Publish.class);
        sub.expectNothingFor(QUIET); // window of 2 is full
        sub.send(new PubAck(a.packetId()));
        Publish c = sub.expect(Publish.class);
        sub.expectNothingFor(QUIET);
        sub.send(new PubAck(b.packetId()));
        sub.send(new PubAck(c.packetId()));
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            rest.add(sub.receive().payload().toUtf8String());
        }
        assertThat(List.of(a.payload().toUtf8String(), b.payload().toUtf8String(), c.payload().toUtf8String(),
                rest.get(0), rest.get(1))).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    @DisplayName("[MQTT-2.2.1-4] packet identifiers of in-flight deliveries are distinct")
    void inflight_packetIdsDistinct() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "ids");
        sub.subscribe("ids/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        for (int i = 0; i < 20; i++) {
            pub.publish("ids/t", "m" + i, QoS.AT_LEAST_ONCE);
        }
        Map<Integer, String> seen = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            Publish p = sub.expect(Publish.class); // none acknowledged yet
            assertThat(seen.put(p.packetId(), p.payload().toUtf8String())).as("packet id %d reused while in flight", p.packetId()).isNull();
        }
    }

    @Test
    @DisplayName("[3.1.2.11.4][4.13] v5: a PUBLISH larger than the server's Maximum Packet Size gets DISCONNECT 0x95")
    void serverMaximumPacketSize_exceeded_disconnect0x95() {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connectOk(MqttVersion.V5, "big");
        assertThat(ack.properties().maximumPacketSize()).isEqualTo(256);
        c.send(Packets.publish("big/t", "x".repeat(400), QoS.AT_MOST_ONCE, 0));
        c.expectDisconnect(ReasonCode.PACKET_TOO_LARGE);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24][MQTT-3.1.2-25] v5: a message larger than the client's Maximum Packet Size is not sent to it (others are)")
    void clientMaximumPacketSize_largeMessageDiscarded() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("small").maximumPacketSize(64).build());
        sub.subscribe("mps/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        pub.publish("mps/t", "y".repeat(100), QoS.AT_LEAST_ONCE);
        pub.publish("mps/t", "small", QoS.AT_LEAST_ONCE);
        Publish p = sub.receive();
        assertThat(p.payload().toUtf8String()).isEqualTo("small");
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-12] v5: a Topic Alias set by the client is honoured on later PUBLISHes with an empty topic")
    void topicAlias_inbound_resolved() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe("alias/t", QoS.AT_MOST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        pub.send(Packets.aliased("alias/t", "first", 2));
        pub.send(Packets.aliased("", "second", 2));
        Publish a = sub.expect(Publish.class);
        Publish b = sub.expect(Publish.class);
        assertThat(a.topic()).isEqualTo("alias/t");
        assertThat(b.topic()).isEqualTo("alias/t");
        assertThat(b.payload().toUtf8String()).isEqualTo("second");
    }

    @Test
    @DisplayName("[3.3.2.3.4] v5: an empty topic with a Topic Alias that was never set is a protocol error (0x82)")
    void topicAlias_unknown_protocolError() {
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        pub.send(Packets.aliased("", "orphan", 3));
        pub.expectDisconnect(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-9][MQTT-3.3.2-12] v5: a Topic Alias just above the server's Topic Alias Maximum gets DISCONNECT 0x94")
    void topicAlias_aboveMaximum_disconnect0x94() {
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        pub.send(Packets.aliased("alias/t", "x", 5));
        pub.expectDisconnect(ReasonCode.TOPIC_ALIAS_INVALID);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-7] v5: topic aliases do not survive the connection")
    void topicAlias_notCarriedAcrossConnections() {
        RawClient pub = broker.rawClient();
        pub.connect(ConnectBuilder.v5("pub").cleanStart(false).sessionExpiry(60).build());
        pub.send(Packets.aliased("alias/t", "x", 1));
        pub.disconnect();
        RawClient again = broker.rawClient();
        again.connect(ConnectBuilder.v5("pub").cleanStart(false).sessionExpiry(60).build());
        again.send(Packets.aliased("", "y", 1));
        again.expectDisconnect(ReasonCode.PROTOCOL_ERROR);
    }
}
