package dev.wren.broker.connection;

import dev.wren.broker.session.SessionLink;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;

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
    public void sendPublish(Publish publish) {
        conn.transport().writePublish(conn.aliases().applyOutbound(publish), publish.packetId());
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
