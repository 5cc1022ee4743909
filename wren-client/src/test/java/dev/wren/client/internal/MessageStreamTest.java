package dev.wren.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class MessageStreamTest {
    private final List<Boolean> reading = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private boolean cancelled;
    private Flow.Subscription subscription;
    private Throwable error;

    private MessageStream stream(int capacity) {
        MessageStream s = new MessageStream(capacity, Runnable::run, reading::add, () -> cancelled = true);
        s.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription sub) {
                subscription = sub;
            }

            @Override
            public void onNext(Message item) {
                received.add(item.payloadAsString());
            }

            @Override
            public void onError(Throwable t) {
                error = t;
            }

            @Override
            public void onComplete() {}
        });
        return s;
    }

    @Test
    void offer_withoutDemand_buffersAndPausesReadingWhenFull() {
        MessageStream s = stream(4);
        for (int i = 0; i < 4; i++) {
            s.offer(Message.of("t", "m" + i));
        }
        assertThat(received).isEmpty();
        assertThat(reading).containsExactly(false);
        subscription.request(3);
        assertThat(received).containsExactly("m0", "m1", "m2");
        assertThat(reading).containsExactly(false, true);
    }

    @Test
    void request_beforeOffer_deliversAtOnceInOrder() {
        MessageStream s = stream(8);
        subscription.request(Long.MAX_VALUE);
        s.offer(Message.of("t", "a"));
        s.offer(Message.of("t", "b"));
        assertThat(received).containsExactly("a", "b");
        assertThat(reading).isEmpty();
    }

    @Test
    void cancel_dropsBufferResumesReadingAndNotifies() {
        MessageStream s = stream(1);
        s.offer(Message.of("t", "a"));
        subscription.cancel();
        s.offer(Message.of("t", "b"));
        subscription.request(5);
        assertThat(received).isEmpty();
        assertThat(cancelled).isTrue();
        assertThat(reading).containsExactly(false, true);
    }

    @Test
    void request_nonPositive_signalsError() {
        stream(1);
        subscription.request(0);
        assertThat(error).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscribe_second_isRejected() {
        MessageStream s = stream(1);
        List<Throwable> errors = new ArrayList<>();
        s.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription sub) {}

            @Override
            public void onNext(Message item) {}

            @Override
            public void onError(Throwable t) {
                errors.add(t);
            }

            @Override
            public void onComplete() {}
        });
        assertThat(errors).singleElement().isInstanceOf(IllegalStateException.class);
    }
}
