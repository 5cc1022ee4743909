package dev.wren.broker.security;

/** Something backed by a file that the broker's maintenance sweep asks to re-read when it changed. */
public interface Refreshable {
    /** Re-reads the backing file if it changed; never throws (a bad new version is logged and ignored). */
    void refresh();
}
