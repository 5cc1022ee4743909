package dev.wren.broker.connection;

import dev.wren.broker.session.Loop;
import dev.wren.codec.packet.MqttPacket;
import java.util.ArrayList;
import java.util.List;

/** Records what a connection writes; close schedules {@link Connection#onClosed()} like a channel would. */
final class FakeTransport implements Transport {
    final List<MqttPacket> written = new ArrayList<>();
    final ManualLoop loop;
    Connection connection;
    boolean closed;
    boolean writable = true;
    boolean autoRead = true;
    long keepAliveMillis = -1;
    int outboundMax;
    int flushes;

    FakeTransport(ManualLoop loop) {
        this.loop = loop;
    }

    @Override
    public void write(MqttPacket packet) {
        if (!closed) {
            written.add(packet);
        }
    }

    @Override
    public void writePublish(MqttPacket publish, int packetId) {
        write(publish);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            loop.execute(connection::onClosed);
        }
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public Loop loop() {
        return loop;
    }

    @Override
    public String remoteAddress() {
        return "test";
    }

    @Override
    public void keepAlive(long millis) {
        keepAliveMillis = millis;
    }

    @Override
    public void outboundMaximumPacketSize(int bytes) {
        outboundMax = bytes;
    }

    @Override
    public void autoRead(boolean on) {
        autoRead = on;
    }
}
