package dev.wren.broker.security;

import dev.wren.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in authenticator: user names with passwords from the configuration ({@code
 * security.users}, plain text or hashed) and from a password file ({@code security.password-file},
 * hashed, re-read when it changes; it wins over the configuration for a name in both), plus optional
 * anonymous access (no user name).
 *
 * <p>A hashed password costs a PBKDF2 computation (about a millisecond at the default
 * iterations) on the event loop. A client that reconnects with the same password is checked
 * against a per-process keyed digest of its last good login instead, so reconnect storms do not
 * pay it again; the digest covers the stored hash too, so a changed password invalidates it.
 *
 * <p>Thread-safe: every CONNECT of every event loop calls {@link #authenticate}.
 */
public final class PasswordAuthenticator implements Authenticator, Refreshable {
    private static final int MAX_REMEMBERED = 100_000;

    private final Map<String, Credential> configured;
    private final ReloadingFile<Map<String, PasswordHash>> file;
    private final boolean allowAnonymous;
    private final Map<String, byte[]> remembered = new ConcurrentHashMap<>();
    private final byte[] processKey = new byte[32];

    /** Over configured users only; a value starting with {@code $6$} or {@code $7$} is a hash, else plain text. */
    public PasswordAuthenticator(Map<String, String> users, boolean allowAnonymous) {
        this(users, null, allowAnonymous);
    }

    /**
     * @param passwordFile a password file, or {@code null}
     * @throws SecurityFileException if the file cannot be read or has a bad line
     * @throws IllegalArgumentException if a configured hash is malformed
     */
    public PasswordAuthenticator(Map<String, String> users, Path passwordFile, boolean allowAnonymous) {
        Map<String, Credential> m = new HashMap<>();
        users.forEach((name, secret) -> m.put(name, Credential.of(name, secret)));
        this.configured = Map.copyOf(m);
        this.file = passwordFile == null ? null
                : new ReloadingFile<>(passwordFile, "password file", PasswordFile::parse);
        this.allowAnonymous = allowAnonymous;
        new SecureRandom().nextBytes(processKey);
    }

    @Override
    public AuthResult authenticate(AuthRequest r) {
        if (r.username() == null) {
            return allowAnonymous ? AuthResult.success() : AuthResult.failure(ReasonCode.NOT_AUTHORIZED);
        }
        Credential expected = lookup(r.username());
        if (expected == null) {
            // with no user database at all and anonymous access on, any user name is accepted
            return allowAnonymous && configured.isEmpty() && file == null
                    ? AuthResult.success()
                    : AuthResult.failure(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        }
        byte[] given = r.password() == null ? new byte[0] : r.password().unsafeArray();
        return verify(r.username(), expected, given)
                ? AuthResult.success()
                : AuthResult.failure(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    /** Re-reads the password file if it changed. */
    @Override
    public void refresh() {
        if (file != null && file.refresh()) {
            remembered.clear();
        }
    }

    private Credential lookup(String user) {
        if (file != null) {
            PasswordHash h = file.current().get(user);
            if (h != null) {
                return new Credential(null, h);
            }
        }
        return configured.get(user);
    }

    private boolean verify(String user, Credential expected, byte[] given) {
        if (expected.plain() != null) {
            return MessageDigest.isEqual(expected.plain(), given);
        }
        byte[] digest = digest(expected.hash(), given);
        byte[] last = remembered.get(user);
        if (last != null && MessageDigest.isEqual(last, digest)) {
            return true;
        }
        if (!expected.hash().matches(given)) {
            return false;
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(user, digest);
        return true;
    }

    private byte[] digest(PasswordHash hash, byte[] password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(processKey);
            md.update(hash.toString().getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(password);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** A configured password: plain bytes or a hash. */
    private record Credential(byte[] plain, PasswordHash hash) {
        static Credential of(String user, String secret) {
            if (PasswordHash.looksHashed(secret)) {
                try {
                    return new Credential(null, PasswordHash.parse(secret));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("security.users." + user + ": " + e.getMessage(), e);
                }
            }
            return new Credential(secret.getBytes(StandardCharsets.UTF_8), null);
        }
    }
}
