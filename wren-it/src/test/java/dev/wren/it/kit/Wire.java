package dev.wren.it.kit;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.wire.DecoderContext;
import dev.wren.codec.wire.MqttDecoder;
import dev.wren.codec.wire.MqttEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The one place where the test kit calls the codec's encoder and decoder, so a change in the
 * codec's API touches only this class.
 */
public final class Wire {
    private Wire() {}

    /** Encodes one packet as a client speaking {@code version} puts it on the wire. */
    public static byte[] encode(MqttPacket packet, MqttVersion version) {
        return MqttEncoder.encodeToBytes(packet, version);
    }

    /** Decodes one whole packet (fixed header included) sent by a server speaking {@code version}. */
    public static MqttPacket decode(byte[] frame, MqttVersion version) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        try {
            return MqttDecoder.decode(buf, DecoderContext.client(version));
        } finally {
            buf.release();
        }
    }
}
