package dev.wren.client.internal;

import dev.wren.client.Message;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Received messages as a {@link Flow.Publisher} for one subscriber, with back-pressure all
 * the way to TCP: when {@code capacity} messages wait for demand the client stops reading
 * from the socket, so the broker's flow control (and its Receive Maximum for QoS 1/2) holds
 * the rest; reading resumes when the buffer is half empty. The subscriber is called on
 * {@code executor}, never on the I/O thread, one signal at a time.
 *
 * <p>Thread-safe: {@link #offer} runs on the event loop, {@code request}/{@code cancel} on any thread.
 */
public final class MessageStream implements Flow.Publisher<Message> {
    private final int capacity;
    private final Executor executor;
    private final Consumer<Boolean> reading;
    private final Runnable onCancel;
    private final ConcurrentLinkedQueue<Message> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile Flow.Subscriber<? super Message> subscriber;
    private volatile boolean cancelled;

    /**
     * @param reading called with false to pause and true to resume socket reads
     * @param onCancel called once when the subscriber cancels
     */
    public MessageStream(int capacity, Executor executor, Consumer<Boolean> reading, Runnable onCancel) {
        this.capacity = Math.max(1, capacity);
        this.executor = executor;
        this.reading = reading;
        this.onCancel = onCancel;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Message> s) {
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            s.onError(new IllegalStateException("this message stream already has a subscriber"));
            return;
        }
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    cancel();
                    s.onError(new IllegalArgumentException("request must be positive [Reactive Streams 3.9]"));
                    return;
                }
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                scheduleDrain();
            }

            @Override
            public void cancel() {
                if (!cancelled) {
                    cancelled = true;
                    buffer.clear();
                    resume();
                    onCancel.run();
                }
            }
        });
    }

    /** Adds a received message; pauses reading when the buffer is full. */
    public void offer(Message m) {
        if (cancelled) {
            return;
        }
        buffer.add(m);
        if (size.incrementAndGet() >= capacity && paused.compareAndSet(false, true)) {
            reading.accept(false);
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (wip.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            Flow.Subscriber<? super Message> s = subscriber;
            while (s != null && !cancelled && demand.get() > 0) {
                Message m = buffer.poll();
                if (m == null) {
                    break;
                }
                size.decrementAndGet();
                demand.decrementAndGet();
                s.onNext(m);
            }
            if (size.get() <= capacity / 2) {
                resume();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void resume() {
        if (paused.compareAndSet(true, false)) {
            reading.accept(true);
        }
    }

    /** Ends the stream: the client is closed. */
    public void complete() {
        Flow.Subscriber<? super Message> s = subscriber;
        if (s != null && !cancelled) {
            cancelled = true;
            executor.execute(s::onComplete);
        }
    }
}
