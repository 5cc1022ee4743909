package dev.wren.codec.packet;

import dev.wren.codec.Binary;
import dev.wren.codec.UserProperty;
import java.util.List;

/**
 * CONNECT properties (MQTT 5.0 section 3.1.2.11), each at its specified default when absent.
 *
 * @param sessionExpiryInterval seconds; 0 when absent; 0xFFFFFFFF means never
 * @param receiveMaximum 1..65535; 65535 when absent
 * @param maximumPacketSize bytes the client accepts; 0 when absent (no limit)
 * @param topicAliasMaximum 0 when absent
 * @param requestResponseInformation false when absent
 * @param requestProblemInformation true when absent
 * @param userProperties User Properties
 * @param authenticationMethod or {@code null}
 * @param authenticationData or {@code null}
 */
public record ConnectProperties(
        long sessionExpiryInterval,
        int receiveMaximum,
        long maximumPacketSize,
        int topicAliasMaximum,
        boolean requestResponseInformation,
        boolean requestProblemInformation,
        List<UserProperty> userProperties,
        String authenticationMethod,
        Binary authenticationData) {

    public static final ConnectProperties DEFAULT =
            new ConnectProperties(0, 65535, 0, 0, false, true, List.of(), null, null);

    public ConnectProperties {
        userProperties = Props.users(userProperties);
    }

    public ConnectProperties withSessionExpiryInterval(long seconds) {
        return new ConnectProperties(seconds, receiveMaximum, maximumPacketSize, topicAliasMaximum,
                requestResponseInformation, requestProblemInformation, userProperties,
                authenticationMethod, authenticationData);
    }
}
