package dev.wren.codec.packet;

import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;

/** The four packets of the QoS 1/2 flows share one shape: id, reason code, reason string, user properties. */
public sealed interface PublishResponse extends MqttPacket permits PubAck, PubRec, PubRel, PubComp {
    int packetId();

    ReasonCode reasonCode();

    String reasonString();

    List<UserProperty> userProperties();
}
