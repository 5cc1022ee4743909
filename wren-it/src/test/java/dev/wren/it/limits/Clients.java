package dev.wren.it.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import dev.wren.broker.Broker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Client helpers of the memory budget and disk quota tests. */
final class Clients {
    private Clients() {}

    /** A HiveMQ MQTT 5 publisher. */
    static Mqtt5BlockingClient hivePublisher(int port, String id) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
        c.connect();
        return c;
    }

    /** Publishes and returns the reason code of the PUBACK (QoS 1) or PUBREC (QoS 2) on the wire. */
    static int publish(Mqtt5BlockingClient c, String topic, byte[] payload, MqttQos qos) {
        try {
            Mqtt5PublishResult r = c.publishWith().topic(topic).qos(qos).payload(payload).send();
            if (r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
                return q1.getPubAck().getReasonCode().getCode();
            }
            if (r instanceof Mqtt5PublishResult.Mqtt5Qos2Result q2) {
                return q2.getPubRec().getReasonCode().getCode();
            }
            return 0;
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode().getCode();
        } catch (Mqtt5PubRecException e) {
            return e.getMqttMessage().getReasonCode().getCode();
        }
    }

    /** A payload that starts with {@code n} and is padded to {@code size} bytes. */
    static byte[] payload(int n, int size) {
        byte[] head = (n + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Math.max(size, head.length)];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = head.length; i < out.length; i++) {
            out[i] = 'x';
        }
        return out;
    }

    static int number(byte[] payload) {
        String s = new String(payload, StandardCharsets.US_ASCII);
        return Integer.parseInt(s.substring(0, s.indexOf(':')));
    }

    /** A Paho MQTT 5 subscriber with a persistent session (expiry 1 h) that records what arrives. */
    static final class Subscriber implements MqttCallback, AutoCloseable {
        final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        final MqttClient client;

        Subscriber(String uri, String id) throws MqttException {
            client = new MqttClient(uri, id, new MemoryPersistence());
            client.setCallback(this);
        }

        /** Connects without clean start; returns Session Present. */
        boolean connect() throws MqttException {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(false);
            o.setSessionExpiryInterval(3600L);
            o.setAutomaticReconnect(false);
            return client.connectWithResult(o).getSessionPresent();
        }

        void subscribe(String filter, int qos) throws MqttException {
            client.subscribe(filter, qos);
        }

        /** A normal DISCONNECT: the session stays (expiry 1 h). */
        void disconnect() throws MqttException {
            client.disconnect();
        }

        /** The payload numbers of the next {@code n} messages (fails after 30 s without one). */
        List<Integer> take(int n) throws InterruptedException {
            List<Integer> out = new ArrayList<>(n);
            while (out.size() < n) {
                MqttMessage m = received.poll(30, TimeUnit.SECONDS);
                assertThat(m).as("message %d of %d within 30 s", out.size() + 1, n).isNotNull();
                out.add(number(m.getPayload()));
            }
            return out;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
            client.close();
        }
    }

    /** Expected payload numbers 1..n. */
    static List<Integer> oneTo(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }

    /** After a test: closes the clients (best effort), the broker if any, and deletes the store directory. */
    static void cleanUp(List<AutoCloseable> clients, Broker broker, Path dir) throws IOException {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: the next one must still be closed
            }
        }
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
