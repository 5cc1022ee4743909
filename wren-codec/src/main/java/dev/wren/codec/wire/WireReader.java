package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads of the MQTT data types (section 1.5) from a packet that ends at
 * {@code end}. Every read that would run past the end of the packet is a malformed packet,
 * never an {@link IndexOutOfBoundsException}. The {@code what} arguments are constants naming
 * the field, so the error message costs nothing until there is an error.
 */
final class WireReader {
    private WireReader() {}

    static void need(ByteBuf in, int end, int n, String what) {
        if (end - in.readerIndex() < n) {
            throw MalformedPacketException.malformed(what + " runs past the end of the packet");
        }
    }

    static int readByte(ByteBuf in, int end, String what) {
        need(in, end, 1, what);
        return in.readUnsignedByte();
    }

    static int readShort(ByteBuf in, int end, String what) {
        need(in, end, 2, what);
        return in.readUnsignedShort();
    }

    static long readInt(ByteBuf in, int end, String what) {
        need(in, end, 4, what);
        return in.readUnsignedInt();
    }

    /** A Packet Identifier, which must not be 0 [MQTT-2.2.1-3]. */
    static int readPacketId(ByteBuf in, int end) {
        int id = readShort(in, end, "packet identifier");
        if (id == 0) {
            throw MalformedPacketException.protocolError("packet identifier must not be 0 [MQTT-2.2.1-3] (3.1.1: [MQTT-2.3.1-1])");
        }
        return id;
    }

    static int readVbi(ByteBuf in, int end, String what) {
        int value = Vbi.peek(in, in.readerIndex());
        int size = value >= 0 ? Vbi.size(value) : 0;
        if (value == Vbi.NEED_MORE || in.readerIndex() + size > end) {
            throw MalformedPacketException.malformed(what + " runs past the end of the packet");
        }
        if (value < 0) {
            throw MalformedPacketException.malformed(what + " is not a valid variable byte integer [MQTT-1.5.5-1]");
        }
        in.skipBytes(size);
        return value;
    }

    /** A UTF-8 Encoded String (1.5.4), validated strictly. */
    static String readString(ByteBuf in, int end, String what) {
        int len = readShort(in, end, what);
        need(in, end, len, what);
        int from = in.readerIndex();
        String s;
        if (len == 0) {
            s = "";
        } else {
            // All-ASCII (the usual topic) decodes as Latin-1: a plain copy into the String.
            s = newString(in, from, len, Utf8.check(in, from, len, what)
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        in.skipBytes(len);
        return s;
    }

    private static String newString(ByteBuf in, int from, int len, Charset charset) {
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + from, len, charset);
        }
        byte[] bytes = new byte[len];
        in.getBytes(from, bytes);
        return new String(bytes, charset);
    }

    /** Binary Data (1.5.6): two-byte length, then the bytes, copied once. */
    static Binary readBinary(ByteBuf in, int end, String what) {
        int len = readShort(in, end, what);
        return readBytes(in, end, len, what);
    }

    /** The rest of the packet, e.g. the PUBLISH payload, copied once. */
    static Binary readRest(ByteBuf in, int end) {
        return readBytes(in, end, end - in.readerIndex(), "payload");
    }

    private static Binary readBytes(ByteBuf in, int end, int len, String what) {
        need(in, end, len, what);
        if (len == 0) {
            return Binary.EMPTY;
        }
        byte[] bytes = new byte[len];
        in.readBytes(bytes);
        return Binary.wrap(bytes);
    }

    /** Fails if bytes are left after the last field of a packet. */
    static void expectEnd(ByteBuf in, int end, String packet) {
        if (in.readerIndex() != end) {
            throw MalformedPacketException.malformed(packet + " has " + (end - in.readerIndex())
                    + " unexpected bytes after its last field");
        }
    }
}
