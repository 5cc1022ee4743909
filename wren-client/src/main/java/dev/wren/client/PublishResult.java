package dev.wren.client;

import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;

/**
 * The acknowledgement of a publish: for QoS 0 it completes once the message is written, for
 * QoS 1 on PUBACK, for QoS 2 on PUBCOMP. A reason code of 0x80 or above never appears here:
 * it fails the future with {@link MqttClientException} instead.
 *
 * @param reasonCode SUCCESS or NO_MATCHING_SUBSCRIBERS (5.0)
 * @param reasonString Reason String, or {@code null}
 * @param userProperties User Properties of the acknowledgement
 */
public record PublishResult(ReasonCode reasonCode, String reasonString, List<UserProperty> userProperties) {}
