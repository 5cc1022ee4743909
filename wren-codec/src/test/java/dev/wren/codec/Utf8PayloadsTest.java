package dev.wren.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8PayloadsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', true",
        "41, true",
        "00, true",              // U+0000 is fine in a payload
        "c3a9, true",            // é
        "e282ac, true",          // €
        "f09f8e89, true",        // 🎉
        "80, false",             // stray continuation
        "c0af, false",           // overlong '/'
        "e08080, false",         // overlong
        "eda080, false",         // surrogate U+D800
        "f4908080, false",       // above U+10FFFF
        "c3, false",             // truncated
        "f09f8e, false",         // truncated
    })
    void isWellFormed_table(String hex, boolean expected) {
        assertThat(Utf8Payloads.isWellFormed(HexFormat.of().parseHex(hex))).isEqualTo(expected);
    }
}
