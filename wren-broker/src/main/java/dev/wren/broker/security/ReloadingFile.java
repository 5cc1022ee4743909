package dev.wren.broker.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A security file parsed into an immutable value, re-read when it changes on disk (the broker
 * checks from its maintenance sweep, about once a second), so that operators edit users and
 * rules without a restart. A file that breaks on reload keeps the last good value and says so
 * in the log; a file that is wrong at start stops the broker from starting.
 *
 * <p>Thread-safety: {@link #current()} from any thread; {@link #refresh()} from one thread at a time.
 */
final class ReloadingFile<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingFile.class);

    private final Path file;
    private final String what;
    private final BiFunction<Path, List<String>, T> parser;
    private volatile T current;
    private FileTime modified;
    private long size;

    /**
     * Reads and parses {@code file} now.
     *
     * @throws SecurityFileException if it cannot be read or parsed
     */
    ReloadingFile(Path file, String what, BiFunction<Path, List<String>, T> parser) {
        this.file = file;
        this.what = what;
        this.parser = parser;
        BasicFileAttributes attrs = attributes();
        if (attrs == null) {
            throw new SecurityFileException(file, "cannot read the " + what + " (does it exist? is it readable?)", null);
        }
        this.current = parse(attrs);
    }

    T current() {
        return current;
    }

    /** Re-reads the file if its time or size changed; returns whether a new value is in place. */
    boolean refresh() {
        BasicFileAttributes attrs = attributes();
        if (attrs == null || (attrs.lastModifiedTime().equals(modified) && attrs.size() == size)) {
            return false;
        }
        try {
            current = parse(attrs);
            LOG.info("reloaded the {} {}", what, file);
            return true;
        } catch (SecurityFileException e) {
            // Remember this version so that the error is logged once, not every second.
            modified = attrs.lastModifiedTime();
            size = attrs.size();
            LOG.error("the {} changed but is invalid, keeping the previous one: {}", what, e.getMessage());
            return false;
        }
    }

    private T parse(BasicFileAttributes attrs) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SecurityFileException(file, "cannot read the " + what + ": " + e.getMessage(), e);
        }
        T value = parser.apply(file, lines);
        modified = attrs.lastModifiedTime();
        size = attrs.size();
        return value;
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
