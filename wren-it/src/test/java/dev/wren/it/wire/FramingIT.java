package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import dev.wren.it.kit.Wire;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TCP framing: packets split over many writes, several packets in one write; negotiated session expiry. */
@Timeout(30)
class FramingIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maxSessionExpiryInterval(100).maintenanceIntervalMillis(0));

    @Test
    @DisplayName("[MQTT-7.1.1-1] a CONNECT and a PUBLISH sent one byte per write are decoded")
    void packets_splitIntoSingleBytes_decoded() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("fr/t", QoS.AT_LEAST_ONCE);
        RawClient c = broker.rawClient();
        byte[] connect = Wire.encode(ConnectBuilder.v5("slow-writer").build(), MqttVersion.V5);
        byte[] publish = Wire.encode(Packets.publish("fr/t", "trickled", QoS.AT_LEAST_ONCE, 1), MqttVersion.V5);
        for (byte b : connect) {
            c.send(new byte[] {b});
        }
        assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        for (byte b : publish) {
            c.send(new byte[] {b});
        }
        assertThat(c.expect(PubAck.class).packetId()).isEqualTo(1);
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("trickled");
    }

    @Test
    @DisplayName("[MQTT-7.1.1-1] CONNECT, SUBSCRIBE and PUBLISH in a single write are all processed, in order")
    void packets_coalescedInOneWrite_processedInOrder() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(Wire.encode(ConnectBuilder.v5("burst").build(), MqttVersion.V5));
        all.writeBytes(Wire.encode(Packets.subscribe(1, Packets.sub("burst/t", QoS.AT_LEAST_ONCE)), MqttVersion.V5));
        all.writeBytes(Wire.encode(Packets.publish("burst/t", "self", QoS.AT_LEAST_ONCE, 2), MqttVersion.V5));
        RawClient c = broker.rawClient();
        c.version(MqttVersion.V5).send(all.toByteArray());
        assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(c.expect(SubAck.class).packetId()).isEqualTo(1);
        // PUBACK for id 2 and the delivery of "self" may come in either order
        Publish p = c.await(Publish.class, x -> true);
        assertThat(p.payload().toUtf8String()).isEqualTo("self");
        assertThat(c.await(PubAck.class, a -> a.packetId() == 2)).isNotNull();
    }

    @Test
    @DisplayName("[MQTT-7.1.1-1] a 300 KiB PUBLISH arriving in 1 KiB pieces is reassembled")
    void largePacket_inPieces_reassembled() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("big/t", QoS.AT_LEAST_ONCE);
        RawClient c = broker.connected(MqttVersion.V5, "pub");
        String payload = "z".repeat(300 * 1024);
        byte[] publish = Wire.encode(Packets.publish("big/t", payload, QoS.AT_LEAST_ONCE, 1), MqttVersion.V5);
        for (int i = 0; i < publish.length; i += 1024) {
            c.send(Arrays.copyOfRange(publish, i, Math.min(publish.length, i + 1024)));
        }
        assertThat(c.expect(PubAck.class).packetId()).isEqualTo(1);
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo(payload);
    }

    @Test
    @DisplayName("[3.2.2.3.2] v5: a Session Expiry Interval above the server's maximum is capped and the CONNACK says so")
    void sessionExpiry_capped_announcedInConnack() {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connect(ConnectBuilder.v5("cap").cleanStart(false).sessionExpiry(1_000_000).build());
        assertThat(ack.properties().sessionExpiryInterval()).isEqualTo(100);
        c.subscribe("cap/t", QoS.AT_LEAST_ONCE);
        c.disconnect();
        broker.clock().advance(Duration.ofSeconds(101));
        broker.broker().runMaintenance();
        assertThat(broker.rawClient().connect(ConnectBuilder.v5("cap").cleanStart(false).sessionExpiry(1_000_000).build())
                .sessionPresent()).isFalse();
    }
}
