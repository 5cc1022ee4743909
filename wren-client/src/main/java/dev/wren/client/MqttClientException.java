package dev.wren.client;

import dev.wren.codec.ReasonCode;

/**
 * A failed client operation. When the server refused something, {@link #reasonCode()} is the
 * MQTT reason code it sent (for MQTT 3.x the nearest equivalent) and {@link #reasonString()}
 * its Reason String; when the failure is local (no connection, timeout, buffer full) the
 * reason code is {@code null}.
 */
public class MqttClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ReasonCode reasonCode;
    private final String reasonString;
    private final String serverReference;

    public MqttClientException(ReasonCode reasonCode, String message, String reasonString, String serverReference,
            Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
        this.reasonString = reasonString;
        this.serverReference = serverReference;
    }

    /** A failure reported by the server. */
    public MqttClientException(ReasonCode reasonCode, String message, String reasonString) {
        this(reasonCode, message, reasonString, null, null);
    }

    /** A local failure, without a reason code. */
    public MqttClientException(String message, Throwable cause) {
        this(null, message, null, null, cause);
    }

    /** The reason code the server sent, or {@code null} for a local failure. */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** The server's Reason String, or {@code null}. */
    public String reasonString() {
        return reasonString;
    }

    /** The Server Reference of a redirect (USE_ANOTHER_SERVER / SERVER_MOVED), or {@code null}. */
    public String serverReference() {
        return serverReference;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(super.getMessage());
        if (reasonCode != null) {
            sb.append(" (reason code 0x").append(String.format("%02X", reasonCode.code())).append(' ')
                    .append(reasonCode.name()).append(')');
        }
        if (reasonString != null) {
            sb.append(": ").append(reasonString);
        }
        if (serverReference != null) {
            sb.append(" [server reference: ").append(serverReference).append(']');
        }
        return sb.toString();
    }
}
