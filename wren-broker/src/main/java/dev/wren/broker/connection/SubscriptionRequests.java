package dev.wren.broker.connection;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.SessionStore;
import dev.wren.broker.persistence.Stages;
import dev.wren.broker.persistence.StoredSubscription;
import dev.wren.broker.session.Session;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE for one connection: a reason code per filter [MQTT-3.8.4-6]
 * [MQTT-3.11.3-1], then the retained messages of the new subscriptions, after the SUBACK.
 *
 * <p>Thread confinement: the connection's loop (which is the session's loop).
 */
final class SubscriptionRequests {
    private record Granted(Subscription subscription, boolean existed) {}

    private final Connection conn;
    private final BrokerContext ctx;
    private final BrokerConfig cfg;

    SubscriptionRequests(Connection conn, BrokerContext ctx) {
        this.conn = conn;
        this.ctx = ctx;
        this.cfg = ctx.config();
    }

    void onSubscribe(Subscribe s, Session session) {
        int subId = s.subscriptionIdentifier();
        if (subId != 0 && !cfg.subscriptionIdentifiersAvailable()) {
            conn.disconnect(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, "subscription identifiers not supported");
            return;
        }
        for (Subscription sub : s.subscriptions()) {
            if (sub.filter().isShared() && sub.noLocal()) {
                conn.protocolError("No Local on a shared subscription [MQTT-3.8.3-4]");
                return;
            }
        }
        List<ReasonCode> codes = new ArrayList<>(s.subscriptions().size());
        List<Granted> granted = new ArrayList<>(s.subscriptions().size());
        for (Subscription sub : s.subscriptions()) {
            ReasonCode refused = check(sub.filter(), session);
            if (refused != null) {
                ctx.metrics().dropped(Metric.SUBSCRIPTIONS_REJECTED, conn.clientId());
                codes.add(refused);
                continue;
            }
            QoS qos = QoS.min(sub.qos(), QoS.of(cfg.maxQos()));
            Subscription effective = qos == sub.qos() ? sub
                    : new Subscription(sub.filter(), qos, sub.noLocal(), sub.retainAsPublished(), sub.retainHandling());
            boolean existed = ctx.router().subscribe(session, effective, subId);
            codes.add(ReasonCode.granted(qos));
            granted.add(new Granted(effective, existed));
        }
        SessionStore store = ctx.storeFor(session);
        if (store == null || granted.isEmpty()) {
            conn.write(new SubAck(s.packetId(), codes));
            sendRetained(session, granted, subId);
            return;
        }
        List<StoredSubscription> toStore = granted.stream()
                .map(g -> new StoredSubscription(g.subscription(), subId)).toList();
        Stages.whenDurable(store.subscribe(conn.clientId(), toStore), conn.transport().loop(), ok -> {
            List<ReasonCode> result = ok ? codes
                    : codes.stream().map(c -> ReasonCode.UNSPECIFIED_ERROR).toList();
            conn.writeAfterStore(new SubAck(s.packetId(), result));
            if (ok && conn.isConnected()) {
                sendRetained(session, granted, subId);
                conn.transport().flush();
            }
        });
    }

    private void sendRetained(Session session, List<Granted> granted, int subId) {
        if (cfg.retainAvailable()) {
            long now = ctx.clock().millis();
            for (Granted g : granted) {
                ctx.router().sendRetained(session, g.subscription(), subId, g.existed(), now);
            }
        }
    }

    private ReasonCode check(TopicFilter f, Session session) {
        if (f.isShared() && !cfg.sharedSubscriptionsAvailable()) {
            return ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED;
        }
        if (f.hasWildcard() && !cfg.wildcardSubscriptionsAvailable()) {
            return ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED;
        }
        if (TopicLimits.check(f.value(), cfg) != null) {
            return ReasonCode.TOPIC_FILTER_INVALID;
        }
        if (!ctx.authorizer().canSubscribe(conn.clientId(), conn.username(), f)) {
            return ReasonCode.NOT_AUTHORIZED;
        }
        int max = cfg.maxSubscriptionsPerClient();
        if (max > 0 && session.subscriptions().size() >= max && !session.subscriptions().containsKey(f.value())) {
            return ReasonCode.QUOTA_EXCEEDED;
        }
        return null;
    }

    void onUnsubscribe(Unsubscribe u, Session session) {
        List<ReasonCode> codes = new ArrayList<>(u.filters().size());
        for (TopicFilter f : u.filters()) {
            codes.add(ctx.router().unsubscribe(session, f) ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        UnsubAck ack = new UnsubAck(u.packetId(), conn.isV5() ? codes : List.of());
        SessionStore store = ctx.storeFor(session);
        if (store == null) {
            conn.write(ack);
            return;
        }
        List<String> filters = u.filters().stream().map(TopicFilter::value).toList();
        Stages.whenDurable(store.unsubscribe(conn.clientId(), filters), conn.transport().loop(),
                ok -> conn.writeAfterStore(ack));
    }
}
