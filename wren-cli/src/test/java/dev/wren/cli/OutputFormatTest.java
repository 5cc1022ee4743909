package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.client.Message;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    private final Message m = Message.of("a/b", "hi\"there").withQos(QoS.AT_LEAST_ONCE).withRetain(true);

    @Test
    void format_placeholders_replaced() {
        assertThat(OutputFormat.of("%t|%p|%q|%r|%l|%x|%%\\t", false, false).format(Message.of("t", "AB")))
                .isEqualTo("t|AB|0|0|2|4142|%\t");
    }

    @Test
    void bytes_binaryPayload_copiedRaw() {
        Message bin = Message.of("t", new byte[] {(byte) 0xff, 0, 'x'});
        assertThat(OutputFormat.of("%t:%p", false, false).bytes(bin)).containsExactly('t', ':', 0xff, 0, 'x');
    }

    @Test
    void defaults_payloadOrTopicAndPayload() {
        assertThat(OutputFormat.of(null, false, false).format(m)).isEqualTo("hi\"there");
        assertThat(OutputFormat.of(null, true, false).format(m)).isEqualTo("a/b hi\"there");
    }

    @Test
    void json_escapesAndIncludesProperties() {
        PublishProperties p = new PublishProperties(false, -1, "text/plain", null, null, List.of(new UserProperty("k", "v")));
        Message withProps = new Message("a/b", Binary.utf8("x\ny"), QoS.AT_MOST_ONCE, false, p, List.of(7));
        String json = OutputFormat.of(null, false, true).format(withProps);
        assertThat(json).contains("\"topic\":\"a/b\"", "\"payload\":\"x\\ny\"", "\"content-type\":\"text/plain\"",
                "\"subscription-identifiers\":[7]", "\"user-properties\":[{\"k\":\"v\"}]");
    }
}
