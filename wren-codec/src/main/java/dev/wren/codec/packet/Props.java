package dev.wren.codec.packet;

import dev.wren.codec.UserProperty;
import java.util.List;

/** Helpers for packet constructors: null-safe immutable copies. */
final class Props {
    private Props() {}

    static List<UserProperty> users(List<UserProperty> list) {
        return list == null || list.isEmpty() ? List.of() : List.copyOf(list);
    }

    static <T> List<T> list(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : List.copyOf(list);
    }

    static void checkPacketId(int packetId) {
        if (packetId < 1 || packetId > 65535) {
            throw new IllegalArgumentException("packet identifier must be 1..65535, not " + packetId);
        }
    }
}
