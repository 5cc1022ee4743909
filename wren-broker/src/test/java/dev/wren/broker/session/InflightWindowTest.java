package dev.wren.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InflightWindowTest {
    private static final Delivery D = new Delivery(
            new Message("t", Binary.utf8("x"), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE, "p", Long.MAX_VALUE),
            QoS.AT_LEAST_ONCE, false, List.of(), null);

    /**
     * Against a LinkedHashMap (what the window replaced): the same entries by id and the same send
     * order, which resends follow [MQTT-4.4.0-1] [MQTT-4.6.0-5], whatever mix of sends and acks.
     * Ids come from a small range so the table sees collisions, wrap-around and backward shifts.
     */
    @Property(tries = 300)
    void matchesAnInsertionOrderedMap(@ForAll @Size(max = 600) List<@IntRange(min = 1, max = 700) Integer> ops,
            @ForAll @IntRange(min = 1, max = 9) int ackEvery) {
        InflightWindow w = new InflightWindow();
        LinkedHashMap<Integer, InflightWindow.Entry> model = new LinkedHashMap<>();
        int i = 0;
        for (int id : ops) {
            if (++i % ackEvery == 0 || model.containsKey(id)) {
                InflightWindow.Entry e = model.remove(id);
                if (e == null && !model.isEmpty()) { // ack an arbitrary one in flight, not always the oldest
                    e = model.remove(new ArrayList<>(model.keySet()).get(id % model.size()));
                }
                if (e != null) {
                    assertThat(w.get(e.id)).isSameAs(e);
                    w.remove(e);
                }
            } else {
                InflightWindow.Entry e = new InflightWindow.Entry(id, D);
                w.add(e);
                model.put(id, e);
            }
            assertThat(w.size()).isEqualTo(model.size());
        }
        for (int id = 1; id <= 700; id++) {
            assertThat(w.get(id)).isSameAs(model.get(id));
        }
        assertThat(order(w)).containsExactlyElementsOf(model.values());
    }

    @Test
    void removingWhileIterating_visitsEveryEntryOnce() {
        InflightWindow w = new InflightWindow();
        for (int id = 1; id <= 100; id++) {
            w.add(new InflightWindow.Entry(id, D));
        }
        List<Integer> seen = new ArrayList<>();
        for (InflightWindow.Entry e = w.first(), next; e != null; e = next) {
            next = e.next();
            seen.add(e.id);
            if (e.id % 3 == 0) {
                w.remove(e);
            }
        }
        assertThat(seen).hasSize(100);
        assertThat(w.size()).isEqualTo(67);
        assertThat(order(w).stream().map(e -> e.id)).doesNotContain(3, 99).startsWith(1, 2, 4, 5);
        w.clear();
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.first()).isNull();
        assertThat(w.get(1)).isNull();
    }

    private static List<InflightWindow.Entry> order(InflightWindow w) {
        List<InflightWindow.Entry> out = new ArrayList<>();
        for (InflightWindow.Entry e = w.first(); e != null; e = e.next()) {
            out.add(e);
        }
        return out;
    }
}
