package dev.wren.broker.persistence.rocksdb;

import java.nio.file.Path;
import java.util.Locale;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns RocksDB's open errors into messages an operator can act on. */
final class OpenErrors {
    private OpenErrors() {}

    static StoreOpenException classify(Path dir, RocksDBException e) {
        String detail = String.valueOf(e.getMessage());
        if (isLock(e, detail)) {
            return new StoreOpenException(StoreOpenException.Reason.LOCKED, dir,
                    "another broker uses " + dir + " (its LOCK file is held: " + detail + "). Stop the other broker"
                            + " or give this one a different data directory.", e);
        }
        if (isCorruption(e, detail)) {
            return new StoreOpenException(StoreOpenException.Reason.CORRUPT, dir, corruptMessage(dir, detail), e);
        }
        return new StoreOpenException(StoreOpenException.Reason.IO, dir,
                "cannot open the store in " + dir + ": " + detail, e);
    }

    /** The store opened but the recovery scan hit an unreadable block or record. */
    static StoreOpenException unreadable(Path dir, RuntimeException e) {
        String detail = e.getCause() != null ? e.getMessage() + ": " + e.getCause().getMessage() : e.getMessage();
        return new StoreOpenException(StoreOpenException.Reason.CORRUPT, dir, corruptMessage(dir, detail), e);
    }

    private static String corruptMessage(Path dir, String detail) {
        return "the store in " + dir + " is damaged and cannot be opened: " + detail
                + ". Wren did not start, so that nothing more is lost. To keep the data, restore " + dir
                + " from a backup or try RocksDB's `ldb repair --db=" + dir + "`. To start with an empty store,"
                + " move the directory away yourself, or enable moving it aside automatically"
                + " (it is then renamed to " + dir.getFileName() + ".corrupt-<timestamp>).";
    }

    private static boolean isLock(RocksDBException e, String detail) {
        Status status = e.getStatus();
        boolean io = status == null || status.getCode() == Status.Code.IOError;
        return io && detail.contains("LOCK");
    }

    private static boolean isCorruption(RocksDBException e, String detail) {
        Status status = e.getStatus();
        if (status != null && status.getCode() == Status.Code.Corruption) {
            return true;
        }
        String lower = detail.toLowerCase(Locale.ROOT);
        return lower.contains("corrupt") || lower.contains(".sst") || lower.contains("manifest")
                || lower.contains("current");
    }
}
