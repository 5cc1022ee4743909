package dev.wren.client;

import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;

/**
 * The SUBACK of a subscribe: one reason code per filter, in order. Failed filters
 * (0x80 and above) are reported here, not as an exception, because the others may have
 * succeeded; {@link #allGranted()} tells whether every filter did.
 *
 * @param reasonCodes granted QoS or failure per filter
 * @param reasonString Reason String, or {@code null}
 * @param userProperties User Properties of the SUBACK
 */
public record SubscribeResult(List<ReasonCode> reasonCodes, String reasonString, List<UserProperty> userProperties) {
    public SubscribeResult {
        reasonCodes = List.copyOf(reasonCodes);
        userProperties = List.copyOf(userProperties);
    }

    public boolean allGranted() {
        return reasonCodes.stream().noneMatch(ReasonCode::isError);
    }
}
