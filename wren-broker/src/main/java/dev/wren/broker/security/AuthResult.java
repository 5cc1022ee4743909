package dev.wren.broker.security;

import dev.wren.codec.Binary;
import dev.wren.codec.ReasonCode;
import java.util.Objects;

/**
 * The outcome of one authentication step.
 *
 * @param status success, continue (5.0 enhanced authentication only) or failure
 * @param reason the CONNACK/DISCONNECT reason of a failure, e.g. 0x86 or 0x87
 * @param data Authentication Data to send back (enhanced authentication), or {@code null}
 */
public record AuthResult(Status status, ReasonCode reason, Binary data) {
    /** The three outcomes. */
    public enum Status { SUCCESS, CONTINUE, FAILURE }

    public AuthResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static AuthResult success() {
        return new AuthResult(Status.SUCCESS, ReasonCode.SUCCESS, null);
    }

    public static AuthResult success(Binary data) {
        return new AuthResult(Status.SUCCESS, ReasonCode.SUCCESS, data);
    }

    /** Another AUTH round: send {@code data} with reason 0x18 and wait for the client's answer. */
    public static AuthResult continueWith(Binary data) {
        return new AuthResult(Status.CONTINUE, ReasonCode.CONTINUE_AUTHENTICATION, data);
    }

    public static AuthResult failure(ReasonCode reason) {
        return new AuthResult(Status.FAILURE, reason, null);
    }
}
