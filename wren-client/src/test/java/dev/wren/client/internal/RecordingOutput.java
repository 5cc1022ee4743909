package dev.wren.client.internal;

import dev.wren.client.Message;
import dev.wren.client.PublishResult;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.MqttPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link SessionOutput} that records everything, standing in for the network in sans-IO tests. */
final class RecordingOutput implements SessionOutput {
    final List<MqttPacket> sent = new ArrayList<>();
    final List<Message> delivered = new ArrayList<>();
    ReasonCode violation;
    boolean writable = true;

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void send(MqttPacket packet) {
        sent.add(packet);
    }

    @Override
    public void sendQos0(MqttPacket packet, CompletableFuture<PublishResult> written) {
        sent.add(packet);
        written.complete(new PublishResult(ReasonCode.SUCCESS, null, List.of()));
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
