package dev.wren.broker.connection;

import dev.wren.broker.session.SessionLink;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.wire.MqttEncoder;

/**
 * The attached session's view of a {@link Connection}: outbound writes with topic aliases, the
 * window, and server-initiated closes. Confined to the connection's loop, like the connection.
 */
final class ConnectionLink implements SessionLink {
    private final Connection conn;

    ConnectionLink(Connection conn) {
        this.conn = conn;
    }

    @Override
    public boolean sendPublish(Publish publish) {
        // checked before writing, so the write never fails for its size and never calls back [MQTT-3.1.2-24]
        Publish out = conn.aliases().outbound(publish);
        int max = conn.negotiated().clientMaximumPacketSize();
        if (max > 0 && MqttEncoder.encodedLength(out, conn.protocolVersion()) > max) {
            if (out == publish || MqttEncoder.encodedLength(publish, conn.protocolVersion()) > max) {
                conn.publishTooLarge(publish, max);
                return false;
            }
            out = publish; // fits only without the new alias's property
        }
        conn.aliases().written(out); // an alias is established only by a PUBLISH actually sent
        conn.transport().write(out);
        return true;
    }

    @Override
    public void sendPubRel(int packetId) {
        conn.write(new PubRel(packetId));
    }

    @Override
    public boolean writable() {
        return conn.transport().isWritable();
    }

    @Override
    public void flush() {
        conn.transport().flush();
    }

    @Override
    public MqttVersion version() {
        return conn.protocolVersion();
    }

    @Override
    public int outboundWindow() {
        return conn.negotiated().outboundWindow();
    }

    @Override
    public void disconnect(ReasonCode reason, String why) {
        conn.disconnect(reason, why);
    }

    @Override
    public void takenOver() {
        conn.takenOver();
    }
}
