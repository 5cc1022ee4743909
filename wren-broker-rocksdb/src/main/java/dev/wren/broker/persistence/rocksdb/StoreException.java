package dev.wren.broker.persistence.rocksdb;

/** A read or write of an open store failed at the RocksDB level. */
public final class StoreException extends RuntimeException {
    /**
     * @param message what failed
     * @param cause the RocksDB error
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
