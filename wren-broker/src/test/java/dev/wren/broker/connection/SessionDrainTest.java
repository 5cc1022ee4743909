package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connectV5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Session;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionDrainTest {
    private final Harness h = new Harness();

    @Test
    void burst_deliveredCompletely_inBudgetedDrains_flushedOncePerDrain() {
        Harness.Client c = h.client().send(connectV5("s", true, 0));
        c.take();
        int flushesBefore = c.transport.flushes;
        Session s = h.sessions.get("s");
        Message m = new Message("t", Binary.utf8("x"), QoS.AT_MOST_ONCE, false, PublishProperties.NONE, "p",
                Long.MAX_VALUE);
        for (int i = 0; i < 10_000; i++) {
            s.enqueue(new Delivery(m, QoS.AT_MOST_ONCE, false, List.of(), null));
        }
        h.settle();
        assertThat(c.take(Publish.class)).hasSize(10_000);
        assertThat(c.transport.flushes - flushesBefore).isEqualTo(3); // 4096 + 4096 + 1808
    }
}
