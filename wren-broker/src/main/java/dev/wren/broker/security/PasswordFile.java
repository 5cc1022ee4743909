package dev.wren.broker.security;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a password file: one {@code username:hash} per line, hashes as written by
 * {@code wren passwd} or {@code mosquitto_passwd} (see {@link PasswordHash}); blank lines and
 * lines starting with {@code #} are ignored. A user name may contain anything but {@code :}.
 */
public final class PasswordFile {
    private PasswordFile() {}

    /**
     * Parses the lines of {@code file}.
     *
     * @throws SecurityFileException naming the first bad line (a plain-text password is refused:
     *     run {@code wren passwd -U FILE} to hash them)
     */
    public static Map<String, PasswordHash> parse(Path file, List<String> lines) {
        Map<String, PasswordHash> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new SecurityFileException(file, i + 1, "expected username:hash");
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!PasswordHash.looksHashed(hash)) {
                throw new SecurityFileException(file, i + 1, "the password of '" + user
                        + "' is not hashed; hash the file with: wren passwd -U " + file);
            }
            try {
                if (users.put(user, PasswordHash.parse(hash)) != null) {
                    throw new SecurityFileException(file, i + 1, "user '" + user + "' appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new SecurityFileException(file, i + 1, "user '" + user + "': " + e.getMessage());
            }
        }
        return Map.copyOf(users);
    }
}
