package dev.wren.client.internal;

import dev.wren.client.ConnectionEvent;
import dev.wren.client.MqttClientException;
import dev.wren.client.SubscribeResult;
import dev.wren.client.UnsubscribeResult;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE and UNSUBSCRIBE exchanges, sans-IO. Requests made while offline, or whose answer
 * was lost with a connection, are sent (again) on the next connection. Granted subscriptions
 * are remembered so they can be re-established when the server did not resume the session.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class SubscriptionFlow {
    /** A request not yet answered; {@code packetId} is 0 while it waits to be sent. */
    private static final class Request {
        final Subscribe subscribe;
        final Unsubscribe unsubscribe;
        final CompletableFuture<SubscribeResult> subFuture;
        final CompletableFuture<UnsubscribeResult> unsubFuture;
        /** Made by the client itself to restore a granted subscription, not by the application. */
        boolean resubscribe;
        int packetId;

        Request(Subscribe s, CompletableFuture<SubscribeResult> sf, Unsubscribe u, CompletableFuture<UnsubscribeResult> uf) {
            subscribe = s;
            subFuture = sf;
            unsubscribe = u;
            unsubFuture = uf;
        }

        MqttPacket withId(int id) {
            packetId = id;
            if (subscribe != null) {
                return new Subscribe(id, subscribe.subscriptions(), subscribe.subscriptionIdentifier(),
                        subscribe.userProperties());
            }
            return new Unsubscribe(id, unsubscribe.filters(), unsubscribe.userProperties());
        }
    }

    /** A granted subscription with the identifier and properties it was made with. */
    private record Granted(Subscription subscription, int identifier, List<UserProperty> userProperties) {}

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFlow.class);

    private final PacketIds ids;
    private final Consumer<ConnectionEvent> events;
    private final List<Request> waiting = new ArrayList<>();
    private final Map<Integer, Request> sent = new HashMap<>();
    private final Map<String, Granted> granted = new LinkedHashMap<>();
    private SessionOutput out;

    /** @param events where a refused re-subscription is reported */
    SubscriptionFlow(PacketIds ids, Consumer<ConnectionEvent> events) {
        this.ids = ids;
        this.events = events;
    }

    CompletableFuture<SubscribeResult> subscribe(List<Subscription> subs, int identifier, List<UserProperty> props) {
        CompletableFuture<SubscribeResult> f = new CompletableFuture<>();
        // Packet id 1 is a placeholder: the real one is assigned when the request is sent.
        submit(new Request(new Subscribe(1, subs, identifier, props), f, null, null));
        return f;
    }

    CompletableFuture<UnsubscribeResult> unsubscribe(List<TopicFilter> filters, List<UserProperty> props) {
        CompletableFuture<UnsubscribeResult> f = new CompletableFuture<>();
        submit(new Request(null, null, new Unsubscribe(1, filters, props), f));
        return f;
    }

    private void submit(Request r) {
        waiting.add(r);
        if (out != null) {
            sendWaiting();
        }
    }

    private void sendWaiting() {
        while (!waiting.isEmpty()) {
            int id = ids.allocate();
            if (id == 0) {
                return;
            }
            Request r = waiting.remove(0);
            sent.put(id, r);
            out.send(r.withId(id));
        }
    }

    void onConnected(SessionOutput output, boolean sessionPresent) {
        out = output;
        if (!sessionPresent && !granted.isEmpty()) {
            resubscribe();
        }
        sendWaiting();
    }

    /** The server forgot our subscriptions: make them again, one SUBSCRIBE per original identifier. */
    private void resubscribe() {
        List<Request> again = new ArrayList<>();
        for (Granted g : granted.values()) {
            Request r = new Request(new Subscribe(1, List.of(g.subscription()), g.identifier(), g.userProperties()),
                    new CompletableFuture<>(), null, null);
            r.resubscribe = true;
            again.add(r);
        }
        waiting.addAll(0, again);
    }

    /** The connection is gone: unanswered requests will be sent again on the next one. */
    void onDisconnected() {
        out = null;
        List<Request> unanswered = new ArrayList<>(sent.values());
        unanswered.sort((a, b) -> Integer.compare(a.packetId, b.packetId));
        for (Request r : unanswered) {
            ids.release(r.packetId);
            r.packetId = 0;
        }
        sent.clear();
        waiting.addAll(0, unanswered);
    }

    void onSubAck(SubAck ack) {
        Request r = sent.remove(ack.packetId());
        if (r == null || r.subscribe == null) {
            return;
        }
        ids.release(ack.packetId());
        List<Subscription> subs = r.subscribe.subscriptions();
        for (int i = 0; i < subs.size() && i < ack.reasonCodes().size(); i++) {
            Subscription s = subs.get(i);
            ReasonCode code = ack.reasonCodes().get(i);
            if (!code.isError()) {
                granted.put(s.filter().value(),
                        new Granted(s, r.subscribe.subscriptionIdentifier(), r.subscribe.userProperties()));
            } else if (r.resubscribe && granted.remove(s.filter().value()) != null) {
                // Nobody waits on this request's future: the application hears it as an event.
                LOG.warn("the server refused to restore the subscription to '{}': {}", s.filter().value(), code);
                events.accept(new ConnectionEvent.ResubscribeFailed(s.filter().value(), code));
            }
        }
        if (ack.reasonCodes().size() != subs.size()) {
            r.subFuture.completeExceptionally(new MqttClientException(ReasonCode.PROTOCOL_ERROR,
                    "SUBACK has " + ack.reasonCodes().size() + " reason codes for " + subs.size() + " filters", null));
            return;
        }
        r.subFuture.complete(new SubscribeResult(ack.reasonCodes(), ack.reasonString(), ack.userProperties()));
    }

    void onUnsubAck(UnsubAck ack) {
        Request r = sent.remove(ack.packetId());
        if (r == null || r.unsubscribe == null) {
            return;
        }
        ids.release(ack.packetId());
        List<ReasonCode> codes = ack.reasonCodes();
        List<TopicFilter> filters = r.unsubscribe.filters();
        for (TopicFilter f : filters) {
            granted.remove(f.value());
        }
        if (codes.isEmpty()) {
            // MQTT 3.x UNSUBACK has no payload: every filter was removed.
            codes = filters.stream().map(f -> ReasonCode.SUCCESS).toList();
        }
        r.unsubFuture.complete(new UnsubscribeResult(codes, ack.reasonString()));
    }

    void failAll(MqttClientException reason) {
        List<Request> all = new ArrayList<>(waiting);
        all.addAll(sent.values());
        for (Request r : all) {
            if (r.subFuture != null) {
                r.subFuture.completeExceptionally(reason);
            } else {
                r.unsubFuture.completeExceptionally(reason);
            }
        }
        waiting.clear();
        sent.clear();
    }
}
