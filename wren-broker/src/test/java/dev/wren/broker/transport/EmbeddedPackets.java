package dev.wren.broker.transport;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.wire.DecoderContext;
import dev.wren.codec.wire.MqttDecoder;
import dev.wren.codec.wire.MqttEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/** Packets in and out of an {@link EmbeddedChannel} running the broker's pipeline, for transport tests. */
final class EmbeddedPackets {
    private EmbeddedPackets() {}

    /** Writes {@code packets} as one read (one buffer) and runs the tasks they cause. */
    static void send(EmbeddedChannel ch, MqttVersion v, MqttPacket... packets) {
        ByteBuf in = Unpooled.buffer();
        for (MqttPacket p : packets) {
            in.writeBytes(MqttEncoder.encodeToBytes(p, v));
        }
        ch.writeInbound(in);
        ch.runPendingTasks();
    }

    /** Everything the broker wrote so far, decoded as a client of version {@code v} would. */
    static List<MqttPacket> received(EmbeddedChannel ch, MqttVersion v) {
        List<MqttPacket> out = new ArrayList<>();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            try {
                while (buf.isReadable()) {
                    out.add(MqttDecoder.decode(buf, DecoderContext.client(v)));
                }
            } finally {
                buf.release();
            }
        }
        return out;
    }
}
