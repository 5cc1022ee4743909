package dev.wren.broker.persistence.rocksdb;

/**
 * A stored record that cannot be decoded: unknown version byte, truncated or with trailing
 * bytes. RocksDB checksums its blocks, so this means a bug or a record from a newer Wren.
 */
public final class CorruptRecordException extends RuntimeException {
    /** @param message what is wrong with the record */
    public CorruptRecordException(String message) {
        super(message);
    }
}
