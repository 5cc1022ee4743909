package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/**
 * Sizes and writes of the MQTT data types and of single properties. Size methods reject
 * values that cannot be encoded (strings over 65,535 UTF-8 bytes) with an
 * {@link IllegalArgumentException}: the model does not limit them, the wire does.
 */
final class WireWriter {
    private static final int MAX_TWO_BYTE_LENGTH = 65_535;

    private WireWriter() {}

    /** Encoded size of a UTF-8 Encoded String: two length bytes plus the UTF-8 bytes. */
    static int stringSize(String s) {
        int n = ByteBufUtil.utf8Bytes(s);
        if (n > MAX_TWO_BYTE_LENGTH) {
            throw new IllegalArgumentException("string of " + n + " UTF-8 bytes exceeds 65535");
        }
        return 2 + n;
    }

    static void writeString(ByteBuf out, String s) {
        int n = stringSize(s) - 2;
        out.writeShort(n);
        // Reserve exactly n bytes: writeUtf8 would reserve 3 bytes per char and overflow exact-size buffers.
        ByteBufUtil.reserveAndWriteUtf8(out, s, n);
    }

    /** Encoded size of Binary Data: two length bytes plus the bytes. */
    static int binarySize(Binary b) {
        if (b.length() > MAX_TWO_BYTE_LENGTH) {
            throw new IllegalArgumentException("binary data of " + b.length() + " bytes exceeds 65535");
        }
        return 2 + b.length();
    }

    static void writeBinary(ByteBuf out, Binary b) {
        out.writeShort(b.length());
        out.writeBytes(b.unsafeArray());
    }

    static int stringPropertySize(String s) {
        return s == null ? 0 : 1 + stringSize(s);
    }

    static void writeStringProperty(ByteBuf out, Property p, String s) {
        if (s != null) {
            out.writeByte(p.id());
            writeString(out, s);
        }
    }

    static int binaryPropertySize(Binary b) {
        return b == null ? 0 : 1 + binarySize(b);
    }

    static void writeBinaryProperty(ByteBuf out, Property p, Binary b) {
        if (b != null) {
            out.writeByte(p.id());
            writeBinary(out, b);
        }
    }

    static void writeByteProperty(ByteBuf out, Property p, int value) {
        out.writeByte(p.id());
        out.writeByte(value);
    }

    static void writeShortProperty(ByteBuf out, Property p, int value) {
        out.writeByte(p.id());
        out.writeShort(value);
    }

    static void writeIntProperty(ByteBuf out, Property p, long value) {
        out.writeByte(p.id());
        out.writeInt((int) value);
    }

    static int vbiPropertySize(int value) {
        return 1 + Vbi.size(value);
    }

    static void writeVbiProperty(ByteBuf out, Property p, int value) {
        out.writeByte(p.id());
        Vbi.write(out, value);
    }

    static int userPropertiesSize(List<UserProperty> list) {
        int size = 0;
        for (int i = 0, n = list.size(); i < n; i++) {
            UserProperty u = list.get(i);
            size += 1 + stringSize(u.name()) + stringSize(u.value());
        }
        return size;
    }

    static void writeUserProperties(ByteBuf out, List<UserProperty> list) {
        for (int i = 0, n = list.size(); i < n; i++) {
            UserProperty u = list.get(i);
            out.writeByte(Property.USER_PROPERTY.id());
            writeString(out, u.name());
            writeString(out, u.value());
        }
    }

    /** Size of a property block: the Property Length VBI plus the properties. */
    static int propertiesBlockSize(int propertiesLength) {
        return Vbi.size(propertiesLength) + propertiesLength;
    }
}
