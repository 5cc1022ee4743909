package dev.wren.broker.routing;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.persistence.Stages;
import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Publisher;
import dev.wren.broker.session.Session;
import dev.wren.codec.QoS;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The durable publish path: collects the deliveries of one message, stores those to persistent
 * sessions (and the inbound QoS 2 packet id) in ONE {@link MessageStore#stored} call, stamps them
 * with the store's sequence numbers, then enqueues everything (for a stored inbound QoS 2 packet
 * id only once the write is durable, back on the publisher's loop). Used only with a durable back end;
 * the in-memory path enqueues directly. Confined to the publishing thread, one per publish.
 */
final class StoredPublish {
    private final List<Session> targets = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();

    void add(Session s, Delivery d) {
        targets.add(s);
        deliveries.add(d);
    }

    /** Whether a collected delivery goes to a persistent session, i.e. must be stored. */
    boolean needsStore() {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).isPersistent() && deliveries.get(i).qos() != QoS.AT_MOST_ONCE) {
                return true;
            }
        }
        return false;
    }

    /** Stores, enqueues, and returns the stage that completes when the message is durable. */
    CompletionStage<Void> storeAndEnqueue(MessageStore store, Message m, String publisher, int inboundQos2Id,
            Publisher from, Executor publisherLoop) {
        List<QueuedDelivery> queued = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Delivery d = deliveries.get(i);
            if (targets.get(i).isPersistent() && d.qos() != QoS.AT_MOST_ONCE) {
                queued.add(new QueuedDelivery(targets.get(i).clientId(), d.qos(), d.retain(), d.subscriptionIds()));
                index.add(i);
            }
        }
        CompletionStage<Void> durable = Stages.DONE;
        if (!queued.isEmpty() || inboundQos2Id != 0) {
            MessageStore.Stored stored = store.stored(m, queued, publisher, inboundQos2Id);
            for (int j = 0; j < index.size(); j++) {
                int i = index.get(j);
                deliveries.set(i, deliveries.get(i).withSeq(stored.firstSeq() + j));
            }
            durable = stored.durable();
        }
        if (inboundQos2Id != 0) {
            // Exactly once across a crash [MQTT-4.3.3]: nobody may receive the message before its inbound
            // packet id is durable, or a resend after a restart would be routed a second time.
            Stages.whenDurable(durable, publisherLoop, ok -> {
                if (ok) {
                    enqueue(from);
                }
            });
        } else {
            enqueue(from);
        }
        return durable;
    }

    private void enqueue(Publisher from) {
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).enqueue(deliveries.get(i), from);
        }
    }
}
