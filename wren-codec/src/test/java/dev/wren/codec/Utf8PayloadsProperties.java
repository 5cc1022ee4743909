package dev.wren.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Utf8PayloadsProperties {

    /** The JDK's strict decoder is the oracle. */
    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Property(tries = 2000)
    void isWellFormed_randomBytes_agreesWithJdkDecoder(@ForAll("utf8ish") byte[] bytes) {
        assertThat(Utf8Payloads.isWellFormed(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    @Property(tries = 500)
    void isWellFormed_encodedStrings_accepted(@ForAll String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Payloads.isWellFormed(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // Bias towards the interesting lead and continuation bytes.
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0x41, (byte) 0x00, (byte) 0x80, (byte) 0x8F, (byte) 0x90,
                (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xED,
                (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF);
        return Arbitraries.oneOf(interesting, Arbitraries.bytes()).array(byte[].class).ofMaxSize(12);
    }
}
