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
    /**
     * Runs the encoder's too-large refusal like Netty does: synchronously, inside the write call
     * (the fake used to leave it to the test, as a later task, which hid re-entrance bugs); false:
     * as a later task on the loop.
     */
    boolean syncWriteCallbacks = true;
    /** PUBLISHes the encoder would have refused as larger than {@link #outboundMax}. */
    final List<MqttPacket> tooLarge = new ArrayList<>();

    FakeTransport(ManualLoop loop) {
        this.loop = loop;
    }

    @Override
    public void write(MqttPacket packet) {
        if (closed) {
            return;
        }
        if (packet instanceof dev.wren.codec.packet.Publish && outboundMax > 0
                && dev.wren.codec.wire.MqttEncoder.encodedLength(packet, dev.wren.codec.MqttVersion.V5) > outboundMax) {
            // what the encoder does: refuse it and fail the (void) promise, i.e. exceptionCaught
            tooLarge.add(packet);
            if (syncWriteCallbacks) {
                connection.onPublishTooLarge();
            } else {
                loop.execute(connection::onPublishTooLarge);
            }
            return;
        }
        written.add(packet);
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
