package dev.wren.broker.security;

import java.nio.file.Path;

/** A password or ACL file that cannot be read or has errors; the message names the file and line. */
public final class SecurityFileException extends RuntimeException {
    public SecurityFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }

    public SecurityFileException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
    }
}
