package dev.wren.it.kit;

import java.util.HexFormat;

/** Hex helpers for wire tests: {@code "10 0c 00 04"} ↔ bytes. */
public final class Hex {
    private Hex() {}

    /** Parses hex bytes, ignoring whitespace. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** Formats bytes as {@code "10 0c 00 04"}. */
    public static String format(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
