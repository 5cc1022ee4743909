package dev.wren.broker.connection;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.DiskQuota;
import dev.wren.broker.session.MemoryBudget;
import dev.wren.codec.ReasonCode;

/**
 * Whether the broker takes a new QoS 1/2 message now. Two broker-wide limits refuse it with
 * 0x97 Quota exceeded: the memory budget for queued and in-flight messages (checked before
 * routing: the message might have to be queued, and the broker cannot tell at the PUBLISH,
 * because deliveries are queued later on the subscribers' loops), and the store's disk quota
 * (checked by the router once it knows whether the message must be stored, see
 * {@link #diskQuotaReached()}). Each refusal is counted and logged (rate-limited); with a store
 * that spills, the memory refusal first asks offline sessions to spill, so it only lasts while
 * online sessions hold the budget.
 *
 * <p>Thread-safety: any thread; two volatile reads per QoS 1/2 PUBLISH.
 */
public final class Admission {
    /** Never refuses. */
    public static final Admission OPEN = new Admission(MemoryBudget.UNLIMITED, DiskQuota.NONE, new BrokerMetrics(), () -> { });

    private final MemoryBudget budget;
    private final DiskQuota quota;
    private final BrokerMetrics metrics;
    private final Runnable spill;

    /**
     * @param spill asks offline sessions to spill their queues (rate-limited by the callee)
     */
    public Admission(MemoryBudget budget, DiskQuota quota, BrokerMetrics metrics, Runnable spill) {
        this.budget = budget;
        this.quota = quota;
        this.metrics = metrics;
        this.spill = spill;
    }

    /** The reason to refuse a QoS 1/2 PUBLISH from {@code clientId} for memory now (counted and logged), or {@code null}. */
    ReasonCode refusal(String clientId) {
        if (budget.exceeded()) {
            spill.run();
            metrics.dropped(Metric.PUBLISH_REFUSED_MEMORY_BUDGET, clientId);
            return ReasonCode.QUOTA_EXCEEDED;
        }
        return null;
    }

    /** Whether the store refuses new messages (disk quota); the router decides whether a PUBLISH needs it. */
    boolean diskQuotaReached() {
        return quota.reached();
    }

    /** Counts and logs a PUBLISH refused because it needed the store at its disk quota. */
    void refusedForDisk(String clientId) {
        metrics.dropped(Metric.PUBLISH_REFUSED_DISK_QUOTA, clientId);
    }
}
