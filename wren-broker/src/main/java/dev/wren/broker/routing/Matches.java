package dev.wren.broker.routing;

import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Publisher;
import dev.wren.broker.session.Session;
import dev.wren.codec.QoS;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Collects the index matches of one message and turns them into deliveries: one per
 * subscribed session (the highest granted QoS of its matching subscriptions, all their
 * Subscription Identifiers [MQTT-3.3.4-3]) and one per shared group.
 *
 * <p>Thread confinement: one instance per thread (a reusable scratch object), used by one
 * {@link Router#publish} call at a time.
 */
final class Matches implements Consumer<Target> {
    private final List<ClientSubscription> subs = new ArrayList<>();
    private final List<SharedGroup> groups = new ArrayList<>();
    private final BiConsumer<Session, Delivery> enqueue = (s, d) -> s.enqueue(d, this.publisher);
    private Message message;
    private Publisher publisher;

    /** Starts collecting for {@code m}, routed from {@code from} (or {@code null}: no back-pressure). */
    void begin(Message m, Publisher from) {
        this.message = m;
        this.publisher = from;
    }

    @Override
    public void accept(Target t) {
        switch (t) {
            case ClientSubscription c -> {
                // No Local: never back to the publishing client id [MQTT-3.8.3-3]
                if (!(c.noLocal() && c.session().clientId().equals(message.origin()))) {
                    subs.add(c);
                }
            }
            case SharedGroup g -> groups.add(g);
        }
    }

    /** Enqueues the deliveries (telling the publisher about congested targets); returns the number reached. */
    int dispatch() {
        return dispatch(enqueue);
    }

    /** Hands each delivery with its target session to {@code sink}; returns the number reached. */
    int dispatch(BiConsumer<Session, Delivery> sink) {
        int reached = 0;
        if (subs.size() == 1) {
            ClientSubscription c = subs.get(0);
            sink.accept(c.session(), single(c));
            reached = 1;
        } else if (!subs.isEmpty()) {
            reached = dispatchMerged(sink);
        }
        for (SharedGroup g : groups) {
            if (g.deliver(message, sink)) {
                reached++;
            }
        }
        return reached;
    }

    private Delivery single(ClientSubscription c) {
        List<Integer> ids = c.subscriptionId() == 0 ? List.of() : List.of(c.subscriptionId());
        return new Delivery(message, QoS.min(message.qos(), c.qos()), message.retain() && c.retainAsPublished(), ids,
                null);
    }

    private int dispatchMerged(BiConsumer<Session, Delivery> sink) {
        Map<Session, List<ClientSubscription>> bySession = new IdentityHashMap<>();
        for (ClientSubscription c : subs) {
            bySession.computeIfAbsent(c.session(), k -> new ArrayList<>(2)).add(c);
        }
        for (Map.Entry<Session, List<ClientSubscription>> e : bySession.entrySet()) {
            List<ClientSubscription> list = e.getValue();
            if (list.size() == 1) {
                sink.accept(e.getKey(), single(list.get(0)));
                continue;
            }
            QoS granted = QoS.AT_MOST_ONCE;
            boolean rap = false;
            List<Integer> ids = new ArrayList<>(list.size());
            for (ClientSubscription c : list) {
                granted = c.qos().value() > granted.value() ? c.qos() : granted;
                rap |= c.retainAsPublished();
                if (c.subscriptionId() != 0) {
                    ids.add(c.subscriptionId());
                }
            }
            sink.accept(e.getKey(), new Delivery(message, QoS.min(message.qos(), granted), message.retain() && rap,
                    List.copyOf(ids), null));
        }
        return bySession.size();
    }

    void clear() {
        subs.clear();
        groups.clear();
        message = null;
        publisher = null;
    }
}
