package dev.wren.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SpilledSeqsTest {

    /** Whatever the arrival order, the numbers come out sorted and once each. */
    @Property(tries = 200)
    void removesInSequenceOrder(@ForAll @Size(max = 300) List<@LongRange(min = 1, max = 500) Long> seqs,
            @ForAll @LongRange(min = 0, max = 40) long removeEvery) {
        SpilledSeqs s = new SpilledSeqs();
        TreeSet<Long> model = new TreeSet<>();
        List<Long> out = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        int i = 0;
        for (long seq : seqs) {
            s.add(seq);
            model.add(seq);
            if (removeEvery > 0 && ++i % removeEvery == 0 && !model.isEmpty()) {
                expected.add(model.pollFirst());
                out.add(s.removeFirst());
            }
            assertThat(s.size()).isEqualTo(model.size());
        }
        while (!s.isEmpty()) {
            assertThat(s.first()).isEqualTo(model.first());
            expected.add(model.pollFirst());
            out.add(s.removeFirst());
        }
        assertThat(out).isEqualTo(expected);
    }
}
