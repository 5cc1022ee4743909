package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import dev.wren.it.kit.BrokerExtension;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Response Information (MQTT 5.0 3.2.2.3.15, 4.10): returned in CONNACK only to a client that
 * asked for it with Request Response Information 1 [MQTT-3.1.2-28], built from
 * {@code mqtt.response-information} with the client id; a requester then gets its reply there.
 */
class ResponseInformationIT {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.responseInformation("reply/%c/"));

    @Test
    void hiveMq_onlyWhenRequested() {
        Mqtt5BlockingClient asks = Mqtt5Client.builder().identifier("asks").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        Mqtt5ConnAck ack = asks.connectWith().restrictions().requestResponseInformation(true).applyRestrictions()
                .send();
        assertThat(ack.getResponseInformation()).hasValueSatisfying(r -> assertThat(r.toString()).isEqualTo("reply/asks/"));
        asks.disconnect();

        Mqtt5BlockingClient silent = Mqtt5Client.builder().identifier("silent").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        assertThat(silent.connect().getResponseInformation()).as("[MQTT-3.1.2-28] not requested: not sent").isEmpty();
        silent.disconnect();
    }

    /** 4.10 request/response: the requester subscribes under its Response Information, the responder answers there. */
    @Test
    void pahoV5_requestResponseThroughTheReturnedPrefix() throws Exception {
        MqttClient requester = new MqttClient(broker.uri(), "requester", new MemoryPersistence());
        MqttClient responder = new MqttClient(broker.uri(), "responder", new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setRequestResponseInfo(true);
            IMqttToken token = requester.connectWithResult(o);
            String prefix = token.getResponseProperties().getResponseInfo();
            assertThat(prefix).isEqualTo("reply/requester/");

            responder.connect();
            responder.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("service/time", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, request) -> {
                        MqttMessage answer = new MqttMessage("12:00".getBytes(StandardCharsets.UTF_8));
                        MqttProperties props = new MqttProperties();
                        props.setCorrelationData(request.getProperties().getCorrelationData());
                        answer.setProperties(props);
                        answer.setQos(1);
                        responder.publish(request.getProperties().getResponseTopic(), answer);
                    }});
            java.util.concurrent.BlockingQueue<MqttMessage> replies = new java.util.concurrent.LinkedBlockingQueue<>();
            requester.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(prefix + "#", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> replies.add(m)});
            MqttMessage request = new MqttMessage("what time?".getBytes(StandardCharsets.UTF_8));
            MqttProperties props = new MqttProperties();
            props.setResponseTopic(prefix + "time");
            props.setCorrelationData(new byte[] {7});
            request.setProperties(props);
            request.setQos(1);
            requester.publish("service/time", request);
            MqttMessage reply = replies.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("12:00");
            assertThat(reply.getProperties().getCorrelationData()).containsExactly(7);
            requester.disconnect();
            responder.disconnect();
        } finally {
            requester.close();
            responder.close();
        }
    }
}
