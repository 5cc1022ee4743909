package dev.wren.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboundStoreTest {
    @TempDir
    Path dir;

    private static Message message(String payload) {
        PublishProperties p = new PublishProperties(true, 60, "text/plain", "reply", Binary.utf8("corr"),
                List.of(new UserProperty("k", "v")));
        return new Message("a/b", Binary.utf8(payload), QoS.EXACTLY_ONCE, true, p, List.of());
    }

    @Test
    void reopen_keepsLiveEntriesWithTheirState() {
        try (FileOutboundStore store = FileOutboundStore.open(dir, true)) {
            long a = store.add(message("a"));
            long b = store.add(message("b"));
            long c = store.add(message("c"));
            store.sent(a, 7);
            store.released(a);
            store.sent(b, 8);
            store.remove(c);
        }
        try (FileOutboundStore store = FileOutboundStore.open(dir, true)) {
            List<OutboundStore.Entry> entries = store.entries();
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).packetId()).isEqualTo(7);
            assertThat(entries.get(0).released()).isTrue();
            assertThat(entries.get(0).message()).isEqualTo(message("a"));
            assertThat(entries.get(1).packetId()).isEqualTo(8);
            assertThat(store.add(message("d"))).isGreaterThan(entries.get(1).sequence());
        }
    }

    @Test
    void reopen_tornLastRecord_keepsEverythingBefore() throws IOException {
        try (FileOutboundStore store = FileOutboundStore.open(dir, false)) {
            store.add(message("a"));
            store.add(message("b"));
        }
        Files.write(dir.resolve("outbound.log"), new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
        try (FileOutboundStore store = FileOutboundStore.open(dir, false)) {
            assertThat(store.entries()).extracting(e -> e.message().payloadAsString()).containsExactly("a", "b");
        }
    }
}
