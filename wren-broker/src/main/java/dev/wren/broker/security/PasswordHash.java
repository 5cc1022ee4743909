package dev.wren.broker.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stored password in the format of Mosquitto's password files, so that existing files work
 * unchanged and files written by {@code wren passwd} work with Mosquitto:
 * <ul>
 *   <li>{@code $7$<iterations>$<salt>$<hash>}: PBKDF2-HMAC-SHA512 (Mosquitto 2), base64 salt and 64-byte hash;</li>
 *   <li>{@code $6$<salt>$<hash>}: one SHA-512 over password then salt (Mosquitto 1.x; accepted, never written).</li>
 * </ul>
 * Comparisons are constant-time. Immutable and thread-safe.
 */
public final class PasswordHash {
    /** Iterations {@code wren passwd} uses unless told otherwise: slow enough to hurt guessing, cheap enough per CONNECT. */
    public static final int DEFAULT_ITERATIONS = 1_000;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations; // 0 for $6$
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Whether {@code s} looks like a hash this class reads (else a password file entry is malformed). */
    public static boolean looksHashed(String s) {
        return s.startsWith("$6$") || s.startsWith("$7$");
    }

    /**
     * Parses a stored hash.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static PasswordHash parse(String s) {
        String[] f = s.split("\\$", -1);
        try {
            if (f.length == 4 && f[0].isEmpty() && f[1].equals("6")) {
                return new PasswordHash(0, decode(f[2]), checkedHash(decode(f[3])));
            }
            if (f.length == 5 && f[0].isEmpty() && f[1].equals("7")) {
                int iterations = Integer.parseInt(f[2]);
                if (iterations < 1) {
                    throw new IllegalArgumentException("iterations must be at least 1");
                }
                return new PasswordHash(iterations, decode(f[3]), checkedHash(decode(f[4])));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad iteration count '" + f[2] + "'");
        }
        throw new IllegalArgumentException("not a password hash: expected $7$<iterations>$<salt>$<hash> "
                + "(wren passwd, mosquitto_passwd) or $6$<salt>$<hash>");
    }

    /** A new PBKDF2-SHA512 hash of {@code password} with a random salt. */
    public static PasswordHash create(byte[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, pbkdf2(password, salt, iterations));
    }

    /** Whether {@code password} matches, in time independent of where it differs. */
    public boolean matches(byte[] password) {
        byte[] computed = iterations == 0 ? sha512(password, salt) : pbkdf2(password, salt, iterations);
        return MessageDigest.isEqual(hash, computed);
    }

    /** The stored form, {@code $7$...} or {@code $6$...}. */
    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder();
        return iterations == 0
                ? "$6$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash)
                : "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("salt or hash is not base64");
        }
    }

    private static byte[] checkedHash(byte[] h) {
        if (h.length != HASH_BYTES) {
            throw new IllegalArgumentException("hash must be " + HASH_BYTES + " bytes, got " + h.length);
        }
        return h;
    }

    private static byte[] sha512(byte[] password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(password);
            md.update(salt);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-512", e);
        }
    }

    /**
     * PBKDF2 with HMAC-SHA512 over the password's bytes. Done here rather than through
     * {@code SecretKeyFactory}, whose PBEKeySpec takes chars and so cannot hash arbitrary binary
     * passwords (MQTT passwords are binary data) the way Mosquitto does.
     */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            // HMAC zero-pads its key, so the empty key equals one zero byte (which SecretKeySpec accepts).
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA512"));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] out = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < out.length; j++) {
                    out[j] ^= u[j];
                }
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA512", e);
        }
    }
}
