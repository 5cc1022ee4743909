package dev.wren.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    /** Published PBKDF2-HMAC-SHA512 vectors (P = "password", S = "salt", 64-byte key). */
    @Test
    void pbkdf2_knownVectors() {
        byte[] p = "password".getBytes(StandardCharsets.US_ASCII);
        byte[] s = "salt".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(PasswordHash.pbkdf2(p, s, 1))).isEqualTo(
                "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
                        + "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce");
        assertThat(HexFormat.of().formatHex(PasswordHash.pbkdf2(p, s, 2))).isEqualTo(
                "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"
                        + "f76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e");
    }

    /** Our byte-level PBKDF2 equals the JDK's char-based one wherever the JDK's applies. */
    @Property(tries = 50)
    void pbkdf2_equalsJdkForTextPasswords(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String password,
            @ForAll @IntRange(min = 1, max = 50) int iterations) throws Exception {
        byte[] salt = "0123456789ab".getBytes(StandardCharsets.US_ASCII);
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
        assertThat(PasswordHash.pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, iterations)).isEqualTo(jdk);
    }

    /** Written by mosquitto_passwd 2.0.11 (PBKDF2-SHA512, 101 iterations): Wren reads Mosquitto's files. */
    @Test
    void verifiesMosquittoPasswdHash() {
        PasswordHash h = PasswordHash.parse("$7$101$+4L+GFOFxSrL6BGg$YGF7hR1vAwa26cCE2w9hbo+CdnSZfxIFAZhBe+2pOoZZj"
                + "+oecpcpgxLpT9aqHtvg/nxu2CelDRXgSD931Q6oEw==");
        assertThat(h.matches("secret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(h.matches("Secret".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(h.matches(new byte[0])).isFalse();
    }

    @Test
    void create_roundTripsThroughItsStoredForm() {
        byte[] pw = {0, (byte) 0xFF, 'x'}; // MQTT passwords are binary
        PasswordHash h = PasswordHash.parse(PasswordHash.create(pw, 7).toString());
        assertThat(h.toString()).startsWith("$7$7$");
        assertThat(h.matches(pw)).isTrue();
        assertThat(h.matches(new byte[] {0, (byte) 0xFF})).isFalse();
        assertThat(PasswordHash.create(new byte[0], 3).matches(new byte[0])).as("empty password").isTrue();
    }

    @Test
    void parse_rejectsMalformedWithReason() {
        assertThatThrownBy(() -> PasswordHash.parse("$7$abc$AAAA$AAAA")).hasMessageContaining("iteration");
        assertThatThrownBy(() -> PasswordHash.parse("$7$10$AAAA$AAAA")).hasMessageContaining("64 bytes");
        assertThatThrownBy(() -> PasswordHash.parse("$7$10$!!$AAAA")).hasMessageContaining("base64");
        assertThatThrownBy(() -> PasswordHash.parse("plain")).hasMessageContaining("$7$");
    }
}
