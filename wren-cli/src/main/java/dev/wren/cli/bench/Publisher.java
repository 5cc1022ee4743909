package dev.wren.cli.bench;

import dev.wren.client.Message;
import dev.wren.client.MqttClient;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.util.List;

/**
 * One bench publisher. In closed-loop mode ({@link #start(int)}) it keeps {@code window}
 * messages unacknowledged and publishes the next one from each acknowledgement; in open-loop
 * mode the latency scenario calls {@link #sendOne()} at a fixed rate.
 *
 * <p>Thread-safe: sequence assignment and the hand-over to the client are serialised under
 * this object's lock, so sequence numbers reach the broker in order.
 */
final class Publisher {
    private final MqttClient client;
    private final int index;
    private final String topic;
    private final QoS qos;
    private final int size;
    private final long limit;
    private final Stats stats;
    private int sequence;
    private volatile boolean stopped;

    Publisher(MqttClient client, int index, String topic, QoS qos, int size, long limit, Stats stats) {
        this.client = client;
        this.index = index;
        this.topic = topic;
        this.qos = qos;
        this.size = size;
        this.limit = limit;
        this.stats = stats;
    }

    /**
     * Publishes one message from the calling thread and the rest of the window from its
     * acknowledgement, on the client's I/O thread: from then on every publish is issued by that
     * one thread, so the client receives them in sequence order.
     */
    void start(int window) {
        publish(true, window - 1);
    }

    void sendOne() {
        publish(false, 0);
    }

    void stop() {
        stopped = true;
    }

    /** Whether the publisher reached its message limit. */
    synchronized boolean finished() {
        return limit > 0 && sequence >= limit;
    }

    private synchronized boolean publish(boolean chain, int extra) {
        if (stopped || (limit > 0 && sequence >= limit)) {
            return false;
        }
        long sentAt = System.nanoTime();
        byte[] payload = Probe.encode(index, sequence++, sentAt, size);
        stats.sent.increment();
        Message m = new Message(topic, Binary.wrap(payload), qos, false, PublishProperties.NONE, List.of());
        client.publishAsync(m).whenComplete((r, e) -> {
            if (e != null) {
                stats.error(e);
            } else {
                stats.acked.increment();
                if (qos != QoS.AT_MOST_ONCE) {
                    stats.recordAckNanos(System.nanoTime() - sentAt);
                }
            }
            if (chain) {
                for (int i = 0; i < extra; i++) {
                    publish(true, 0);
                }
                publish(true, 0);
            }
        });
        return true;
    }
}
