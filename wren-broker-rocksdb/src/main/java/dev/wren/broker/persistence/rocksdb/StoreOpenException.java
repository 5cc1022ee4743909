package dev.wren.broker.persistence.rocksdb;

import java.nio.file.Path;

/**
 * The store could not be opened. The message says what happened and what the operator can do;
 * {@link #reason()} lets the caller pick an exit code.
 */
public final class StoreOpenException extends RuntimeException {
    /** Why the open failed. */
    public enum Reason {
        /** Another process (or another store in this process) holds the directory's LOCK. */
        LOCKED,
        /** A data file is damaged beyond what WAL recovery drops. */
        CORRUPT,
        /** Any other I/O or RocksDB error. */
        IO
    }

    private final Reason reason;
    private final Path dir;

    /**
     * @param reason the kind of failure
     * @param dir the data directory
     * @param message for the operator
     * @param cause the underlying error
     */
    public StoreOpenException(Reason reason, Path dir, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.dir = dir;
    }

    /** Why the open failed. */
    public Reason reason() {
        return reason;
    }

    /** The data directory. */
    public Path dir() {
        return dir;
    }
}
