package dev.wren.codec.packet;

import dev.wren.codec.PacketType;

/**
 * An MQTT control packet, version-neutral: MQTT 3.1 and 3.1.1 packets are this model with the
 * 5.0-only fields at their defaults. Every implementation is immutable.
 */
public sealed interface MqttPacket
        permits Connect, ConnAck, Publish, PublishResponse, Subscribe, SubAck,
                Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect, Auth {

    /** The control packet type of this packet. */
    PacketType type();
}
