package dev.wren.broker.persistence.rocksdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds write-ahead log tails that RocksDB's recovery cuts off without a word: a region of zero
 * bytes after the last record. RocksDB reads a zero record header as the end of the log (it
 * could be preallocated space), but it preallocates without growing the file size, so zeros
 * inside the file size are a write that never reached the disk (a torn tail after a power cut:
 * the file system extended the file, the data did not follow). Only unacknowledged writes can
 * be there in {@code sync} mode; the point is to report the cut, as for a garbled tail.
 *
 * <p>Reads only record headers: the log is a sequence of 32 KiB blocks, each holding records
 * with a 7-byte header (checksum, length, type; 11 bytes for the recyclable types), and a
 * block's last bytes are zero padding when no header fits. Checksums are RocksDB's business.
 */
final class WalTailCheck {
    private static final int BLOCK = 32 * 1024;
    private static final int HEADER = 7;
    private static final int RECYCLABLE_HEADER = 11;

    /** What was found in one log file: {@code zeroBytes} after the last record, from {@code offset}. */
    record ZeroTail(Path file, long offset, long zeroBytes) {
        String describe() {
            return file.getFileName() + ": " + zeroBytes + " zero bytes after the last record at offset " + offset
                    + " (a torn write), cut off";
        }
    }

    private WalTailCheck() {}

    /** Every {@code *.log} in {@code dir} (RocksDB's WAL files) with a zero-filled tail. */
    static List<ZeroTail> scan(Path dir) {
        List<ZeroTail> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                ZeroTail t = check(f);
                if (t != null) {
                    found.add(t);
                }
            }
        } catch (IOException e) {
            // The check only adds a report; RocksDB's own recovery decides what is kept.
            return found;
        }
        return found;
    }

    /** The zero tail of one log file, or {@code null} if it ends with a record (or is unreadable). */
    static ZeroTail check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(RECYCLABLE_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 0;
            while (pos < size) {
                long leftInBlock = BLOCK - pos % BLOCK;
                if (leftInBlock < HEADER) {
                    pos += leftInBlock; // trailer padding
                    continue;
                }
                header.clear().limit(HEADER);
                if (ch.read(header, pos) < HEADER) {
                    return null; // a torn header: RocksDB reports that itself
                }
                int length = header.getShort(4) & 0xFFFF;
                int type = header.get(6) & 0xFF;
                if (type == 0 && length == 0 && header.getInt(0) == 0) {
                    return allZero(ch, pos, size) ? new ZeroTail(file, pos, size - pos) : null;
                }
                pos += (type >= 5 && type <= 8 ? RECYCLABLE_HEADER : HEADER) + length;
            }
            return null;
        }
    }

    private static boolean allZero(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = from;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) != 0) {
                    return false; // data after the zeros: not a plain tail, RocksDB reports what it drops
                }
            }
            pos += n;
        }
        return true;
    }
}
