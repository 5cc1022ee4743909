package dev.wren.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** MQTT over WebSocket against a WebSocket {@link FakePeer}. */
class WebSocketTransportTest {
    @Test
    void websocket_connectPublishReceive_roundTrip() throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        try (FakePeer peer = new FakePeer(true);
                MqttClient client = MqttClient.create(ClientOptions.builder().host("127.0.0.1").port(peer.port())
                        .clientId("ws").transport(WebSocketTransport.of("/mqtt")).reconnect(ReconnectPolicy.NEVER)
                        .build())) {
            client.onMessage(got::add);
            CompletableFuture<ConnectResult> f = client.connectAsync();
            FakePeer.Conn conn = peer.accept();
            assertThat(conn.expect(Connect.class).clientId()).isEqualTo("ws");
            conn.send(new ConnAck(false, ReasonCode.SUCCESS));
            f.get(5, TimeUnit.SECONDS);
            CompletableFuture<PublishResult> pub = client.publishAsync(Message.of("w/t", "over ws").withQos(QoS.AT_LEAST_ONCE));
            Publish p = conn.expect(Publish.class);
            assertThat(p.payload().toUtf8String()).isEqualTo("over ws");
            conn.send(new PubAck(p.packetId()));
            assertThat(pub.get(5, TimeUnit.SECONDS)).isNotNull();
            conn.send(new Publish("w/in", Binary.utf8("back"), QoS.AT_MOST_ONCE, false, 0));
            assertThat(got.poll(5, TimeUnit.SECONDS)).extracting(Message::payloadAsString).isEqualTo("back");
        }
    }
}
