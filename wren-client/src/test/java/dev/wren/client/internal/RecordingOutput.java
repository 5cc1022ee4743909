package dev.wren.client.internal;

import dev.wren.client.Message;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.MqttPacket;
import java.util.ArrayList;
import java.util.List;

/** A {@link SessionOutput} that records everything, standing in for the network in sans-IO tests. */
final class RecordingOutput implements SessionOutput {
    final List<MqttPacket> sent = new ArrayList<>();
    final List<Message> delivered = new ArrayList<>();
    ReasonCode violation;

    @Override
    public void send(MqttPacket packet) {
        sent.add(packet);
    }

    @Override
    public void deliver(Message message) {
        delivered.add(message);
    }

    @Override
    public void protocolViolation(ReasonCode reason, String why) {
        violation = reason;
    }

    /** Returns and forgets the packets sent so far. */
    List<MqttPacket> take() {
        List<MqttPacket> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }
}
