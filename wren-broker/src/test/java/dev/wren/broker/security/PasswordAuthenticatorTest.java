package dev.wren.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordAuthenticatorTest {
    @TempDir
    Path dir;

    private static String hash(String password) {
        return PasswordHash.create(password.getBytes(StandardCharsets.UTF_8), 10).toString();
    }

    private static AuthResult login(Authenticator a, String user, String password) {
        return a.authenticate(new AuthRequest("c", user, password == null ? null : Binary.utf8(password), "test",
                MqttVersion.V5));
    }

    @Test
    void configuredUsers_plainOrHashed() {
        PasswordAuthenticator a = new PasswordAuthenticator(Map.of("plain", "pw1", "hashed", hash("pw2")), false);
        assertThat(login(a, "plain", "pw1").status() == AuthResult.Status.SUCCESS).isTrue();
        assertThat(login(a, "hashed", "pw2").status() == AuthResult.Status.SUCCESS).isTrue();
        assertThat(login(a, "hashed", "pw2").status() == AuthResult.Status.SUCCESS).as("again, from the remembered login").isTrue();
        assertThat(login(a, "hashed", "pw1").reason()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(login(a, "nobody", "pw1").reason()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(login(a, null, null).reason()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void passwordFile_winsOverConfig_andIsReloadedWhenChanged() throws IOException {
        Path f = dir.resolve("passwd");
        Files.writeString(f, "# users\nalice:" + hash("one") + "\n\n");
        PasswordAuthenticator a = new PasswordAuthenticator(Map.of("alice", "config", "bob", "b"), f, false);
        assertThat(login(a, "alice", "one").status() == AuthResult.Status.SUCCESS).isTrue();
        assertThat(login(a, "alice", "config").status() == AuthResult.Status.SUCCESS).isFalse();
        assertThat(login(a, "bob", "b").status() == AuthResult.Status.SUCCESS).isTrue();

        Files.writeString(f, "alice:" + hash("two") + "\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        a.refresh();
        assertThat(login(a, "alice", "one").status() == AuthResult.Status.SUCCESS).as("old password, even though it was remembered").isFalse();
        assertThat(login(a, "alice", "two").status() == AuthResult.Status.SUCCESS).isTrue();
    }

    @Test
    void passwordFile_errorsNameTheLineAndSayWhatToDo() throws IOException {
        Path f = dir.resolve("passwd");
        Files.writeString(f, "alice:" + hash("x") + "\nbob:plaintext\n");
        assertThatThrownBy(() -> new PasswordAuthenticator(Map.of(), f, false))
                .isInstanceOf(SecurityFileException.class).hasMessageContaining("passwd:2:")
                .hasMessageContaining("wren passwd -U");
        Files.writeString(f, "no-colon\n");
        assertThatThrownBy(() -> new PasswordAuthenticator(Map.of(), f, false)).hasMessageContaining("username:hash");
        assertThatThrownBy(() -> new PasswordAuthenticator(Map.of("u", "$7$1$AA$AA"), null, false))
                .hasMessageContaining("security.users.u");
    }
}
