package dev.wren.cli;

import dev.wren.broker.security.PasswordFile;
import dev.wren.broker.security.PasswordHash;
import dev.wren.broker.security.SecurityFileException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wren passwd}: manages a password file for {@code security.password-file}, like
 * {@code mosquitto_passwd} and in the same format, so files move between the two brokers.
 * The file is rewritten atomically (a temporary file renamed over it) and created readable by
 * its owner only; the broker picks up changes by itself.
 */
@Command(name = "passwd", description = {"Add, change or delete a user in a password file "
        + "(format of mosquitto_passwd; the broker re-reads it when it changes).",
        "  wren passwd -c FILE USER    create FILE with USER (asks for the password)",
        "  wren passwd FILE USER       add USER or change their password",
        "  wren passwd -b FILE USER PW take the password from the command line",
        "  wren passwd -D FILE USER    delete USER",
        "  wren passwd -U FILE         hash a file of user:plain-password lines in place"},
        usageHelpAutoWidth = true)
final class PasswdCommand implements Callable<Integer> {
    @Option(names = "-c", description = "Create the file (replaces an existing one).")
    boolean create;

    @Option(names = "-b", description = "Batch: the password is the last argument (visible to other local users in the process list).")
    boolean batch;

    @Option(names = "-D", description = "Delete the user.")
    boolean delete;

    @Option(names = "-U", description = "Hash every plain-text password in the file.")
    boolean upgrade;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations for new hashes (default: ${DEFAULT-VALUE}; more is slower to guess "
                    + "and slower to log in).")
    int iterations;

    @Parameters(index = "0", paramLabel = "FILE", description = "The password file.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "USER [PASSWORD]", arity = "0..2")
    List<String> rest = new ArrayList<>();

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws IOException {
        if (iterations < 1) {
            throw usage("--iterations must be at least 1");
        }
        if (upgrade) {
            if (!rest.isEmpty() || create || delete || batch) {
                throw usage("-U takes only the file");
            }
            write(upgraded(read()));
            return ExitCodes.OK;
        }
        if (rest.isEmpty()) {
            throw usage("missing USER");
        }
        String user = rest.get(0);
        if (user.isEmpty() || user.contains(":")) {
            throw usage("a user name must not be empty or contain ':'");
        }
        if (batch != (rest.size() == 2) && !delete) {
            throw usage(batch ? "-b needs the password after the user name" : "a password on the command line needs -b");
        }
        List<String> lines = create ? new ArrayList<>() : read();
        int at = indexOf(lines, user);
        if (delete) {
            if (at < 0) {
                throw new CliException(ExitCodes.FAILURE, "user '" + user + "' is not in " + file);
            }
            lines.remove(at);
        } else {
            String entry = user + ":" + PasswordHash.create(password(user), iterations);
            if (at < 0) {
                lines.add(entry);
            } else {
                lines.set(at, entry);
            }
        }
        write(lines);
        return ExitCodes.OK;
    }

    private byte[] password(String user) throws IOException {
        if (batch) {
            return rest.get(1).getBytes(StandardCharsets.UTF_8);
        }
        Console console = System.console();
        if (console == null) {
            // Not a terminal: one line from standard input, so scripts can pipe it in.
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new CliException(ExitCodes.USAGE, "no password on standard input (or use -b)");
            }
            return line.getBytes(StandardCharsets.UTF_8);
        }
        char[] first = console.readPassword("Password for %s: ", user);
        char[] second = console.readPassword("Again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new CliException(ExitCodes.FAILURE, "the passwords do not match; nothing changed");
            }
            return new String(first).getBytes(StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(first == null ? new char[0] : first, '\0');
            Arrays.fill(second == null ? new char[0] : second, '\0');
        }
    }

    private List<String> read() throws IOException {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.USAGE, file + " does not exist (create it with -c)");
        }
    }

    private List<String> upgraded(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            int colon = t.indexOf(':');
            if (t.isEmpty() || t.startsWith("#") || colon <= 0 || PasswordHash.looksHashed(t.substring(colon + 1))) {
                out.add(line);
            } else {
                byte[] plain = t.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
                out.add(t.substring(0, colon) + ":" + PasswordHash.create(plain, iterations));
            }
        }
        return out;
    }

    private static int indexOf(List<String> lines, String user) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(user + ":")) {
                return i;
            }
        }
        return -1;
    }

    /** Checks the result as the broker will read it, then replaces the file atomically. */
    private void write(List<String> lines) throws IOException {
        try {
            PasswordFile.parse(file, lines);
        } catch (SecurityFileException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage() + "; nothing changed");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the platform's default permissions apply
            }
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message + " (see wren passwd --help)");
    }
}
