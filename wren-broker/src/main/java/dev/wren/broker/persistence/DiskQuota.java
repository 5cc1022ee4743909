package dev.wren.broker.persistence;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk quota of a durable store: reached when the store occupies more than
 * {@code maxDiskBytes} or less than {@code minFreeBytes} is left on its file system. The broker
 * calls {@link #check()} periodically on a thread of its own (reading the sizes takes a system
 * call or two and a RocksDB property, never on an event loop); the hot path only reads the
 * volatile flag through {@link #reached()}.
 *
 * <p>Thread-safety: {@link #check()} from one thread at a time; the rest from any thread.
 */
public final class DiskQuota {
    private static final Logger LOG = LoggerFactory.getLogger(DiskQuota.class);

    /** No store on disk: never reached. */
    public static final DiskQuota NONE = new DiskQuota(null, 0, 0, new BrokerMetrics());

    private final Persistence persistence;
    private final long maxDiskBytes;
    private final long minFreeBytes;
    private final BrokerMetrics metrics;
    private volatile boolean reached;
    private volatile long diskBytes = -1;

    /**
     * @param persistence the durable store, or {@code null} for none
     * @param maxDiskBytes most bytes the store may occupy; 0 = no limit
     * @param minFreeBytes least usable bytes on its file system; 0 = no check
     */
    public DiskQuota(Persistence persistence, long maxDiskBytes, long minFreeBytes, BrokerMetrics metrics) {
        this.persistence = persistence;
        this.maxDiskBytes = maxDiskBytes;
        this.minFreeBytes = minFreeBytes;
        this.metrics = metrics;
    }

    /** Whether there is anything to check. */
    public boolean active() {
        return persistence != null && (maxDiskBytes > 0 || minFreeBytes > 0);
    }

    /** Whether new messages for the store are refused now. Any thread; one volatile read. */
    public boolean reached() {
        return reached;
    }

    /** The store's size at the last check, -1 before the first or without a store. */
    public long diskBytes() {
        return diskBytes;
    }

    /** Reads the store's size and the free space and updates {@link #reached()}; logs every change. */
    public void check() {
        if (!active()) {
            return;
        }
        long used;
        long free;
        try {
            used = persistence.diskBytes();
            free = minFreeBytes > 0 ? persistence.usableDiskBytes() : -1;
        } catch (RuntimeException e) {
            LOG.warn("cannot read the store's disk usage; the quota keeps its last state ({})", reached, e);
            return;
        }
        diskBytes = used;
        boolean overSize = maxDiskBytes > 0 && used > maxDiskBytes;
        boolean lowSpace = minFreeBytes > 0 && free >= 0 && free < minFreeBytes;
        boolean now = overSize || lowSpace;
        if (now != reached) {
            reached = now;
            metrics.add(Metric.STORE_QUOTA_REACHED, now ? 1 : -1);
            if (now) {
                LOG.warn("store disk quota reached ({} bytes used, limit {}; {} bytes free, minimum {}): new QoS 1/2"
                        + " PUBLISHes are refused with 0x97 Quota exceeded (3.x: connection closed) until it is below",
                        used, maxDiskBytes > 0 ? maxDiskBytes : "none", free, minFreeBytes);
            } else {
                LOG.info("store disk usage below the quota again ({} bytes used, {} bytes free): PUBLISHes accepted",
                        used, free);
            }
        }
    }
}
