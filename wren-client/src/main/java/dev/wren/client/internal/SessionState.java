package dev.wren.client.internal;

import dev.wren.client.ClientOptions;
import dev.wren.client.ConnectionEvent;
import dev.wren.client.Message;
import dev.wren.client.MqttClientException;
import dev.wren.client.OutboundStore;
import dev.wren.client.PublishResult;
import dev.wren.client.SubscribeResult;
import dev.wren.client.UnsubscribeResult;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.UnsubAck;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client side of an MQTT session, sans-IO: packets and application requests in,
 * packets and deliveries out through a {@link SessionOutput}. It outlives network
 * connections; {@link #onConnected} and {@link #onDisconnected} bracket each one. One packet
 * identifier space serves publishes, subscribes and unsubscribes [MQTT-2.2.1-3].
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class SessionState {
    private final PacketIds ids = new PacketIds();
    private final OutboundFlow outbound;
    private final InboundFlow inbound;
    private final SubscriptionFlow subscriptions;
    private final int topicAliasMaximum;
    private SessionOutput out;

    SessionState(ClientOptions options, OutboundStore store, Consumer<ConnectionEvent> events) {
        this.subscriptions = new SubscriptionFlow(ids, events);
        this.outbound = new OutboundFlow(ids, store, options.offlineBufferSize(), options.offlinePolicy(),
                options.autoTopicAliases() && options.version().isV5());
        this.inbound = new InboundFlow(options.version(), options.receiveMaximum());
        this.topicAliasMaximum = options.topicAliasMaximum();
        outbound.recover(store.entries());
    }

    void onConnected(SessionOutput output, ConnAck ack) {
        out = output;
        inbound.onConnected(ack.sessionPresent(), topicAliasMaximum);
        subscriptions.onConnected(output, ack.sessionPresent());
        outbound.onConnected(output, ack.sessionPresent(), ack.properties());
    }

    void onDisconnected() {
        out = null;
        outbound.onDisconnected();
        subscriptions.onDisconnected();
    }

    boolean isConnected() {
        return out != null;
    }

    CompletableFuture<PublishResult> publish(Message message) {
        return outbound.publish(message);
    }

    CompletableFuture<SubscribeResult> subscribe(List<Subscription> subs, int identifier, List<UserProperty> props) {
        return subscriptions.subscribe(subs, identifier, props);
    }

    CompletableFuture<UnsubscribeResult> unsubscribe(List<TopicFilter> filters, List<UserProperty> props) {
        return subscriptions.unsubscribe(filters, props);
    }

    /**
     * Handles a session-level packet (PUBLISH flows, SUBACK, UNSUBACK); returns false for the
     * connection-level ones the caller handles itself.
     */
    boolean onPacket(MqttPacket packet) {
        switch (packet) {
            case Publish p -> inbound.onPublish(p, out);
            case PubAck a -> outbound.onPubAck(a);
            case PubRec r -> outbound.onPubRec(r);
            case PubRel r -> inbound.onPubRel(r, out);
            case PubComp c -> outbound.onPubComp(c);
            case SubAck a -> subscriptions.onSubAck(a);
            case UnsubAck a -> subscriptions.onUnsubAck(a);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The connection drained its write buffer: send what waited. */
    void onWritable() {
        outbound.drain();
    }

    /** Fails one in-flight publish that could not be written at all. */
    void rejectPublish(int packetId, MqttClientException reason) {
        outbound.reject(packetId, reason);
    }

    /** Fails every waiting future: the client is closed for good. */
    void failAll(String why) {
        MqttClientException e = new MqttClientException(why, null);
        outbound.failAll(e);
        subscriptions.failAll(e);
    }

    int inFlightCount() {
        return outbound.inFlightCount();
    }

    int queuedCount() {
        return outbound.queuedCount();
    }
}
