package dev.wren.codec.packet;

import dev.wren.codec.Binary;
import dev.wren.codec.UserProperty;
import java.util.List;

/**
 * CONNACK properties (MQTT 5.0 section 3.2.2.3), each at its specified default when absent.
 *
 * @param sessionExpiryInterval seconds, or {@code -1} when absent (the client's value applies)
 * @param receiveMaximum 65535 when absent
 * @param maximumQos 0 or 1, or 2 when absent
 * @param retainAvailable true when absent
 * @param maximumPacketSize 0 when absent (no limit)
 * @param assignedClientIdentifier or {@code null}
 * @param topicAliasMaximum 0 when absent
 * @param reasonString or {@code null}
 * @param userProperties User Properties
 * @param wildcardSubscriptionAvailable true when absent
 * @param subscriptionIdentifiersAvailable true when absent
 * @param sharedSubscriptionAvailable true when absent
 * @param serverKeepAlive seconds, or {@code -1} when absent
 * @param responseInformation or {@code null}
 * @param serverReference or {@code null}
 * @param authenticationMethod or {@code null}
 * @param authenticationData or {@code null}
 */
public record ConnAckProperties(
        long sessionExpiryInterval,
        int receiveMaximum,
        int maximumQos,
        boolean retainAvailable,
        long maximumPacketSize,
        String assignedClientIdentifier,
        int topicAliasMaximum,
        String reasonString,
        List<UserProperty> userProperties,
        boolean wildcardSubscriptionAvailable,
        boolean subscriptionIdentifiersAvailable,
        boolean sharedSubscriptionAvailable,
        int serverKeepAlive,
        String responseInformation,
        String serverReference,
        String authenticationMethod,
        Binary authenticationData) {

    public static final ConnAckProperties DEFAULT = new ConnAckProperties(
            -1, 65535, 2, true, 0, null, 0, null, List.of(), true, true, true, -1, null, null, null, null);

    public ConnAckProperties {
        userProperties = Props.users(userProperties);
    }
}
