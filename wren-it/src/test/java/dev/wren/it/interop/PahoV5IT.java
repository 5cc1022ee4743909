package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.it.kit.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interoperability with Eclipse Paho Java MQTT 5 ({@code org.eclipse.paho.mqttv5.client} 1.2.5). */
@Timeout(60)
class PahoV5IT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    record Received(String topic, MqttMessage message) {
        String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    static final class Inbox implements MqttCallback {
        final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(new Received(topic, message));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}

        Received take() throws InterruptedException {
            Received r = queue.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("message within 10 s").isNotNull();
            return r;
        }
    }

    private MqttClient client(String id) throws MqttException {
        MqttClient c = new MqttClient(broker.uri(), id, new MemoryPersistence());
        broker.track(() -> {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000, false);
            }
            c.close();
        });
        return c;
    }

    private static MqttConnectionOptions options(boolean cleanStart, long sessionExpiry) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(sessionExpiry);
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false);
        return o;
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    @DisplayName("[interop] Paho v5 publish/subscribe round trip at QoS 0, 1, 2")
    void roundTrip(int qos) throws Exception {
        MqttClient sub = client("p5-sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true, 0));
        sub.subscribe("paho5/rt", qos);
        MqttClient pub = client("p5-pub");
        pub.connect(options(true, 0));
        pub.publish("paho5/rt", "hello".getBytes(StandardCharsets.UTF_8), qos, false);
        Received r = inbox.take();
        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.message().getQos()).isEqualTo(qos);
        pub.disconnect();
        sub.disconnect();
    }

    @Test
    @DisplayName("[MQTT-3.3.2-15..18] Paho v5: user properties, response topic and correlation data are forwarded unchanged and in order")
    void properties_forwarded() throws Exception {
        MqttClient sub = client("p5-sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true, 0));
        sub.subscribe("paho5/props", 1);
        MqttClient pub = client("p5-pub");
        pub.connect(options(true, 0));
        MqttMessage m = new MqttMessage("req".getBytes(StandardCharsets.UTF_8), 1, false, null);
        MqttProperties props = new MqttProperties();
        List<UserProperty> users = List.of(new UserProperty("z", "1"), new UserProperty("a", "2"), new UserProperty("z", "3"));
        props.setUserProperties(users);
        props.setResponseTopic("paho5/reply");
        props.setCorrelationData(new byte[] {9, 8, 7});
        props.setContentType("text/plain");
        m.setProperties(props);
        pub.publish("paho5/props", m);
        MqttProperties got = inbox.take().message().getProperties();
        assertThat(got.getUserProperties()).extracting(UserProperty::getKey, UserProperty::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("z", "1"), org.assertj.core.groups.Tuple.tuple("a", "2"),
                        org.assertj.core.groups.Tuple.tuple("z", "3"));
        assertThat(got.getResponseTopic()).isEqualTo("paho5/reply");
        assertThat(got.getCorrelationData()).containsExactly(9, 8, 7);
        assertThat(got.getContentType()).isEqualTo("text/plain");
    }

    @Test
    @DisplayName("[interop] Paho v5: retained message delivered with the retained flag")
    void retained() throws Exception {
        MqttClient pub = client("p5-pub");
        pub.connect(options(true, 0));
        pub.publish("paho5/ret", "kept".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttClient sub = client("p5-sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true, 0));
        sub.subscribe("paho5/ret", 1);
        Received r = inbox.take();
        assertThat(r.text()).isEqualTo("kept");
        assertThat(r.message().isRetained()).isTrue();
    }

    @Test
    @DisplayName("[interop] Paho v5: will published when the client drops without DISCONNECT")
    void will() throws Exception {
        MqttClient watcher = client("p5-watch");
        Inbox inbox = new Inbox();
        watcher.setCallback(inbox);
        watcher.connect(options(true, 0));
        watcher.subscribe("paho5/will", 1);
        MqttClient dying = client("p5-dying");
        MqttConnectionOptions o = options(true, 0);
        o.setWill("paho5/will", new MqttMessage("gone".getBytes(StandardCharsets.UTF_8), 1, false, null));
        dying.connect(o);
        dying.disconnectForcibly(0, 1000, false);
        assertThat(inbox.take().text()).isEqualTo("gone");
    }

    @Test
    @DisplayName("[interop] Paho v5: session resumption (Clean Start 0, Session Expiry 300) receives messages published while offline")
    void persistentSession() throws Exception {
        MqttClient sub = client("p5-persist");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true, 300));
        sub.subscribe("paho5/offline", 2);
        sub.disconnect();
        MqttClient pub = client("p5-pub");
        pub.connect(options(true, 0));
        pub.publish("paho5/offline", "a".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.publish("paho5/offline", "b".getBytes(StandardCharsets.UTF_8), 2, false);
        IMqttToken t = sub.connectWithResult(options(false, 300));
        assertThat(t.getSessionPresent()).isTrue();
        assertThat(List.of(inbox.take().text(), inbox.take().text())).containsExactly("a", "b");
    }

    @Test
    @DisplayName("[interop] Paho v5: 300 QoS 2 messages arrive exactly once and in order")
    void manyQos2() throws Exception {
        MqttClient sub = client("p5-sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true, 0));
        sub.subscribe("paho5/many", 2);
        MqttClient pub = client("p5-pub");
        pub.connect(options(true, 0));
        int n = 300;
        for (int i = 0; i < n; i++) {
            pub.publish("paho5/many", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 2, false);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String s = inbox.take().text();
            assertThat(s).isEqualTo(String.valueOf(i));
            assertThat(seen.add(s)).isTrue();
        }
        assertThat(inbox.queue.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
}
