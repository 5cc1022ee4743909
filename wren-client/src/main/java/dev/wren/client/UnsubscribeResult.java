package dev.wren.client;

import dev.wren.codec.ReasonCode;
import java.util.List;

/**
 * The UNSUBACK of an unsubscribe: one reason code per filter in MQTT 5.0, all SUCCESS for 3.x.
 *
 * @param reasonCodes result per filter
 * @param reasonString Reason String, or {@code null}
 */
public record UnsubscribeResult(List<ReasonCode> reasonCodes, String reasonString) {
    public UnsubscribeResult {
        reasonCodes = List.copyOf(reasonCodes);
    }
}
