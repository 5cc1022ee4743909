package dev.wren.broker.security;

import dev.wren.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The built-in authenticator: a fixed map of user names to passwords, plus optional anonymous
 * access (no user name). Passwords are compared in constant time. Thread-safe (immutable).
 */
public final class PasswordAuthenticator implements Authenticator {
    private final Map<String, String> users;
    private final boolean allowAnonymous;

    public PasswordAuthenticator(Map<String, String> users, boolean allowAnonymous) {
        this.users = Map.copyOf(users);
        this.allowAnonymous = allowAnonymous;
    }

    @Override
    public AuthResult authenticate(AuthRequest r) {
        if (r.username() == null) {
            return allowAnonymous ? AuthResult.success() : AuthResult.failure(ReasonCode.NOT_AUTHORIZED);
        }
        String expected = users.get(r.username());
        if (expected == null) {
            // with no user database and anonymous access on, any user name is accepted
            return allowAnonymous && users.isEmpty()
                    ? AuthResult.success()
                    : AuthResult.failure(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        }
        byte[] given = r.password() == null ? new byte[0] : r.password().unsafeArray();
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given)
                ? AuthResult.success()
                : AuthResult.failure(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }
}
