package dev.wren.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Variable Byte Integer (1.5.5): the boundaries of table 1-1, sentinels on partial input. */
class VbiTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00",
        "127, 7f",
        "128, 80 01",
        "16383, ff 7f",
        "16384, 80 80 01",
        "2097151, ff ff 7f",
        "2097152, 80 80 80 01",
        "268435455, ff ff ff 7f",
    })
    @DisplayName("[MQTT-1.5.5-1] table 1-1 boundaries, minimum number of bytes")
    void writeAndPeek_boundaries_MQTT_1_5_5_1(int value, String hex) {
        byte[] expected = HexFormat.ofDelimiter(" ").parseHex(hex);
        ByteBuf buf = Unpooled.buffer();
        try {
            Vbi.write(buf, value);
            assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(expected);
            assertThat(Vbi.size(value)).isEqualTo(expected.length);
            assertThat(Vbi.peek(buf, 0)).isEqualTo(value);
        } finally {
            buf.release();
        }
    }

    @Test
    void peek_partialInput_needsMoreWithoutThrowing() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80});
        try {
            assertThat(Vbi.peek(buf, 0)).isEqualTo(Vbi.NEED_MORE);
            assertThat(Vbi.peek(buf, 3)).isEqualTo(Vbi.NEED_MORE);
        } finally {
            buf.release();
        }
    }

    @Test
    void peek_fiveBytesOrOverlong_sentinels() {
        ByteBuf tooLong = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
        ByteBuf overlong = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0x80, 0x00});
        try {
            assertThat(Vbi.peek(tooLong, 0)).isEqualTo(Vbi.TOO_LONG);
            assertThat(Vbi.peek(overlong, 0)).isEqualTo(Vbi.NOT_MINIMAL);
        } finally {
            tooLong.release();
            overlong.release();
        }
    }

    @Test
    void write_outOfRange_rejected() {
        ByteBuf buf = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> Vbi.write(buf, Vbi.MAX_VALUE + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Vbi.write(buf, -1)).isInstanceOf(IllegalArgumentException.class);
        } finally {
            buf.release();
        }
    }
}
