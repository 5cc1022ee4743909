package dev.wren.broker.routing;

import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Session;
import dev.wren.broker.session.ShareGroup;
import dev.wren.codec.QoS;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One shared subscription {@code $share/{name}/{filter}}: its members and the round-robin choice
 * among them. Each message goes to one member, preferring online ones [MQTT-4.8.2].
 *
 * <p>Thread-safety: {@link #deliver} and {@link #redeliver} run on any thread without a lock,
 * reading a copy-on-write member array; membership changes synchronise on the group (only
 * SUBSCRIBE/UNSUBSCRIBE/session end, never the publish path).
 */
public final class SharedGroup implements Target, ShareGroup {
    /** One member: the session and its subscription options. */
    record Member(Session session, QoS qos, boolean retainAsPublished, int subscriptionId, List<Integer> ids) {
        Member(Session session, QoS qos, boolean retainAsPublished, int subscriptionId) {
            this(session, qos, retainAsPublished, subscriptionId,
                    subscriptionId == 0 ? List.of() : List.of(subscriptionId)); // built once, not per message
        }
    }

    private static final Member[] NONE = new Member[0];

    private final String shareName;
    private final String filter;
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile Member[] members = NONE;
    private boolean dead;

    SharedGroup(String shareName, String filter) {
        this.shareName = shareName;
        this.filter = filter;
    }

    public String shareName() {
        return shareName;
    }

    public String filter() {
        return filter;
    }

    /** Adds or replaces the member of {@code m.session()}; false if the group was removed meanwhile. Caller holds the monitor. */
    boolean put(Member m) {
        if (dead) {
            return false;
        }
        List<Member> list = new ArrayList<>(List.of(members));
        list.removeIf(x -> x.session() == m.session());
        list.add(m);
        members = list.toArray(NONE);
        return true;
    }

    /** Removes the member of {@code s}; returns whether it was a member. Caller holds the monitor. */
    boolean remove(Session s) {
        List<Member> list = new ArrayList<>(List.of(members));
        boolean removed = list.removeIf(x -> x.session() == s);
        members = list.toArray(NONE);
        if (list.isEmpty()) {
            dead = true;
        }
        return removed;
    }

    boolean hasMember(Session s) {
        for (Member m : members) {
            if (m.session() == s) {
                return true;
            }
        }
        return false;
    }

    boolean isDead() {
        return dead;
    }

    int size() {
        return members.length;
    }

    /** Hands {@code m} for one member to {@code sink}; returns false if there is no member. */
    boolean deliver(Message m, BiConsumer<Session, Delivery> sink) {
        Member target = pick(null);
        if (target == null) {
            return false;
        }
        QoS qos = QoS.min(m.qos(), target.qos());
        sink.accept(target.session(), new Delivery(m, qos, m.retain() && target.retainAsPublished(), target.ids(),
                this));
        return true;
    }

    @Override
    public boolean hasOtherMember(Session leaving) {
        for (Member m : members) {
            if (m.session() != leaving) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void redeliver(Delivery d, Session leaving) {
        Member target = pick(leaving);
        if (target == null) {
            return;
        }
        QoS qos = QoS.min(d.message().qos(), target.qos());
        target.session().enqueue(new Delivery(d.message(), qos, d.retain(), target.ids(), this));
    }

    /** Round robin over online members other than {@code exclude}; an offline one if none is online. */
    private Member pick(Session exclude) {
        Member[] all = members;
        int n = all.length;
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(cursor.getAndIncrement(), n);
        Member fallback = null;
        for (int i = 0; i < n; i++) {
            Member m = all[(start + i) % n];
            if (m.session() == exclude || m.session().isEnded()) {
                continue;
            }
            if (m.session().isOnline()) {
                return m;
            }
            if (fallback == null) {
                fallback = m;
            }
        }
        return fallback;
    }

    @Override
    public String toString() {
        return "$share/" + shareName + "/" + filter;
    }
}
