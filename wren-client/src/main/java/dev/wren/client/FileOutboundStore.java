package dev.wren.client;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A durable {@link OutboundStore} in a directory: an append-only log of add / sent / released /
 * remove records, each with a CRC, replayed and compacted when the store is opened. A torn
 * record at the end (a crash in the middle of a write) ends the replay; everything before it
 * is kept. With {@code sync} every {@link #add} is forced to disk before it returns.
 *
 * <p>Thread-safe: every method is synchronized (the client calls it from one I/O thread).
 */
public final class FileOutboundStore implements OutboundStore {
    private static final byte ADD = 1;
    private static final byte SENT = 2;
    private static final byte RELEASED = 3;
    private static final byte REMOVE = 4;
    private static final String LOG = "outbound.log";

    private final Path file;
    private final boolean sync;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private FileChannel channel;
    private long nextSequence = 1;
    private long records;

    private FileOutboundStore(Path dir, boolean sync) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve(LOG);
        this.sync = sync;
        if (Files.exists(file)) {
            replay(Files.readAllBytes(file));
        }
        compact();
    }

    /** Opens (creating if needed) the store in {@code dir}; {@code sync} forces each add to disk. */
    public static FileOutboundStore open(Path dir, boolean sync) {
        try {
            return new FileOutboundStore(dir, sync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open outbound store in " + dir, e);
        }
    }

    @Override
    public synchronized long add(Message message) {
        long seq = nextSequence++;
        entries.put(seq, new Entry(seq, 0, false, message));
        append(ADD, seq, 0, message, sync);
        return seq;
    }

    @Override
    public synchronized void sent(long sequence, int packetId) {
        Entry e = entries.get(sequence);
        if (e != null) {
            entries.put(sequence, new Entry(sequence, packetId, e.released(), e.message()));
            append(SENT, sequence, packetId, null, false);
        }
    }

    @Override
    public synchronized void released(long sequence) {
        Entry e = entries.get(sequence);
        if (e != null) {
            entries.put(sequence, new Entry(sequence, e.packetId(), true, e.message()));
            append(RELEASED, sequence, 0, null, false);
        }
    }

    @Override
    public synchronized void remove(long sequence) {
        if (entries.remove(sequence) != null) {
            append(REMOVE, sequence, 0, null, false);
            if (records > 10_000 && records > 4L * entries.size()) {
                compactQuietly();
            }
        }
    }

    @Override
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(byte type, long seq, int packetId, Message m, boolean force) {
        try {
            ByteBuffer record = encode(type, seq, packetId, m);
            while (record.hasRemaining()) {
                channel.write(record);
            }
            if (force) {
                channel.force(false);
            }
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outbound store " + file, e);
        }
    }

    /** Rewrites the log with only the live entries, atomically (write a temp file, then rename). */
    private void compact() throws IOException {
        if (channel != null) {
            channel.close();
        }
        Path tmp = file.resolveSibling(LOG + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Entry e : entries.values()) {
                out.write(encode(ADD, e.sequence(), 0, e.message()));
                if (e.packetId() > 0) {
                    out.write(encode(SENT, e.sequence(), e.packetId(), null));
                }
                if (e.released()) {
                    out.write(encode(RELEASED, e.sequence(), 0, null));
                }
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        records = entries.size();
    }

    private void compactQuietly() {
        try {
            compact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact outbound store " + file, e);
        }
    }

    private static ByteBuffer encode(byte type, long seq, int packetId, Message m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(type);
        out.writeLong(seq);
        out.writeShort(packetId);
        if (type == ADD) {
            MessageCodec.write(out, m);
        }
        byte[] body = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer record = ByteBuffer.allocate(8 + body.length);
        record.putInt(body.length).put(body).putInt((int) crc.getValue()).flip();
        return record;
    }

    private void replay(byte[] log) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(log);
        while (in.remaining() >= 8) {
            int length = in.getInt();
            if (length < 11 || length > in.remaining() - 4) {
                return;
            }
            byte[] body = new byte[length];
            in.get(body);
            CRC32C crc = new CRC32C();
            crc.update(body);
            if ((int) crc.getValue() != in.getInt()) {
                return;
            }
            apply(new DataInputStream(new ByteArrayInputStream(body)));
        }
    }

    private void apply(DataInputStream in) throws IOException {
        byte type = in.readByte();
        long seq = in.readLong();
        int packetId = in.readUnsignedShort();
        nextSequence = Math.max(nextSequence, seq + 1);
        Entry e = entries.get(seq);
        switch (type) {
            case ADD -> entries.put(seq, new Entry(seq, 0, false, MessageCodec.read(in)));
            case SENT -> {
                if (e != null) {
                    entries.put(seq, new Entry(seq, packetId, e.released(), e.message()));
                }
            }
            case RELEASED -> {
                if (e != null) {
                    entries.put(seq, new Entry(seq, e.packetId(), true, e.message()));
                }
            }
            case REMOVE -> entries.remove(seq);
            default -> throw new IOException("unknown record type " + type);
        }
    }

    /** Message serialisation for the log. */
    private static final class MessageCodec {
        private MessageCodec() {}

        static void write(DataOutputStream out, Message m) throws IOException {
            out.writeUTF(m.topic());
            out.writeByte(m.qos().value());
            out.writeBoolean(m.retain());
            bytes(out, m.payload());
            PublishProperties p = m.properties();
            out.writeBoolean(p.payloadUtf8());
            out.writeLong(p.messageExpiryInterval());
            nullable(out, p.contentType());
            nullable(out, p.responseTopic());
            out.writeBoolean(p.correlationData() != null);
            if (p.correlationData() != null) {
                bytes(out, p.correlationData());
            }
            out.writeInt(p.userProperties().size());
            for (UserProperty up : p.userProperties()) {
                out.writeUTF(up.name());
                out.writeUTF(up.value());
            }
        }

        static Message read(DataInputStream in) throws IOException {
            String topic = in.readUTF();
            QoS qos = QoS.of(in.readByte());
            boolean retain = in.readBoolean();
            Binary payload = bytes(in);
            boolean utf8 = in.readBoolean();
            long expiry = in.readLong();
            String contentType = nullable(in);
            String responseTopic = nullable(in);
            Binary correlation = in.readBoolean() ? bytes(in) : null;
            int n = in.readInt();
            List<UserProperty> users = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                users.add(new UserProperty(in.readUTF(), in.readUTF()));
            }
            PublishProperties p = new PublishProperties(utf8, expiry, contentType, responseTopic, correlation, users);
            return new Message(topic, payload, qos, retain, p, List.of());
        }

        private static void bytes(DataOutputStream out, Binary b) throws IOException {
            out.writeInt(b.length());
            out.write(b.unsafeArray());
        }

        private static Binary bytes(DataInputStream in) throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return Binary.wrap(b);
        }

        private static void nullable(DataOutputStream out, String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }

        private static String nullable(DataInputStream in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    }
}
