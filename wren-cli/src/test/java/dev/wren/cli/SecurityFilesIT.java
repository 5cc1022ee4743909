package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wren passwd} and the broker's {@code security.password-file} / {@code security.acl-file},
 * end to end through the distribution, and both ways with Mosquitto's tools where installed.
 */
class SecurityFilesIT {
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");
    private static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    @TempDir
    Path dir;

    @Test
    void passwd_createsAddsChangesDeletesAndHashesPlainFiles() throws Exception {
        Path pw = dir.resolve("passwd");
        assertThat(Launcher.run("passwd", "-c", "-b", pw.toString(), "alice", "one").exitCode()).isZero();
        assertThat(Files.readString(pw)).matches("alice:\\$7\\$1000\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]{88}\\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
        assertThat(Launcher.runWithInput("two\n", "passwd", pw.toString(), "bob").exitCode())
                .as("password from standard input when not a terminal").isZero();
        String before = Files.readString(pw);
        assertThat(Launcher.run("passwd", "-b", pw.toString(), "alice", "three").exitCode()).isZero();
        assertThat(Files.readString(pw)).isNotEqualTo(before).contains("bob:");
        assertThat(Launcher.run("passwd", "-D", pw.toString(), "bob").exitCode()).isZero();
        assertThat(Files.readString(pw)).doesNotContain("bob:");

        Launcher.Result missing = Launcher.run("passwd", "-D", pw.toString(), "nobody");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.stderr()).contains("'nobody' is not in");
        Launcher.Result noFile = Launcher.run("passwd", "-b", dir.resolve("none").toString(), "u", "p");
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.stderr()).contains("does not exist (create it with -c)");
        assertThat(Launcher.run("passwd", pw.toString(), "a:b").stderr()).contains("':'");

        Path plain = dir.resolve("plain");
        Files.writeString(plain, "# team\ncarol:secret\nalice:" + Files.readString(pw).strip().split(":", 2)[1] + "\n");
        assertThat(Launcher.run("passwd", "-U", plain.toString()).exitCode()).isZero();
        assertThat(Files.readString(plain)).startsWith("# team\ncarol:$7$").doesNotContain("secret");
    }

    @Test
    void broker_withPasswordAndAclFiles_authenticatesAndAuthorizes() throws Exception {
        Path pw = dir.resolve("passwd");
        Launcher.run("passwd", "-c", "-b", pw.toString(), "alice", "s3cret");
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "user alice\ntopic readwrite alice/#\ntopic read news/#\n");
        try (Broker b = broker(pw, acl)) {
            assertThat(pub(b, "alice", "s3cret", "alice/x").exitCode()).isZero();
            Launcher.Result wrong = pub(b, "alice", "nope", "alice/x");
            assertThat(wrong.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(wrong.stderr()).contains("BAD_USER_NAME_OR_PASSWORD");
            Launcher.Result denied = pub(b, "alice", "s3cret", "news/x");
            assertThat(denied.exitCode()).as("QoS 1 PUBLISH refused with 0x87").isEqualTo(ExitCodes.FAILURE);
            assertThat(denied.stderr()).contains("0x87");
            Launcher.Result sub = Launcher.run("sub", "-p", String.valueOf(b.port), "-u", "alice", "-P", "s3cret",
                    "-t", "#", "-W", "2");
            assertThat(sub.exitCode()).as("SUBACK 0x87 for a filter no read rule covers").isEqualTo(ExitCodes.FAILURE);

            // Edits are picked up without a restart (the maintenance sweep checks every second).
            Launcher.run("passwd", "-b", pw.toString(), "bob", "pw");
            Files.writeString(acl, "user alice\ntopic readwrite alice/#\ntopic readwrite news/#\n");
            Files.setLastModifiedTime(acl, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> pub(b, "alice", "s3cret", "news/x").exitCode() == 0);
            // bob may log in now; the ACL grants him nothing, so his PUBLISH gets 0x87, not a refused CONNECT
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> pub(b, "bob", "pw", "bob/x").stderr().contains("0x87"));
        }
    }

    @Test
    void broker_badAclFile_refusesToStartNamingTheLine() throws Exception {
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "user a\ntopic read a/#/b\n");
        Path conf = dir.resolve("wren.yaml");
        Files.writeString(conf, "security:\n  acl-file: " + acl + "\n");
        Launcher.Result r = Launcher.run(Launcher.broker("--port", "0", "--config", conf.toString()));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains(acl + ":2:").doesNotContain("\tat ");
    }

    /** Files move between the brokers: mosquitto_passwd's entries work in Wren, Wren's in Mosquitto. */
    @Test
    void passwordFiles_interoperateWithMosquitto() throws Exception {
        assumeTrue(Files.isExecutable(MOSQUITTO_PASSWD), "mosquitto_passwd is not installed");
        Path pw = dir.resolve("passwd");
        Launcher.run("passwd", "-c", "-b", pw.toString(), "alice", "from-wren");
        Process p = new ProcessBuilder(MOSQUITTO_PASSWD.toString(), "-b", pw.toString(), "bob", "from-mosquitto")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("mosquitto_passwd -b").isTrue();
        try (Broker b = broker(pw, null)) {
            assertThat(pub(b, "bob", "from-mosquitto", "t").exitCode()).isZero();
            assertThat(pub(b, "alice", "from-wren", "t").exitCode()).isZero();
        }
        Path conf = dir.resolve("mosquitto.conf");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // "user root": started as root, mosquitto would otherwise drop to a user that cannot read the test's files
        Files.writeString(conf, "user root\nlistener " + port + " 127.0.0.1\nallow_anonymous false\npassword_file "
                + pw + "\n");
        Process mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        try {
            Brokers.speaksMqtt(port, java.time.Duration.ofSeconds(10)); // refused without a password, but it answers
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> pub(port, "alice", "from-wren", "t").exitCode() == 0);
            assertThat(pub(port, "alice", "wrong", "t").exitCode()).isEqualTo(ExitCodes.FAILURE);
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Broker(Launcher.Running running, int port) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            running.close();
        }
    }

    private Broker broker(Path passwordFile, Path aclFile) throws Exception {
        Path conf = dir.resolve("wren.yaml");
        StringBuilder yaml = new StringBuilder("security:\n  allow-anonymous: false\n");
        yaml.append("  password-file: ").append(passwordFile).append('\n');
        if (aclFile != null) {
            yaml.append("  acl-file: ").append(aclFile).append('\n');
        }
        Files.writeString(conf, yaml);
        Launcher.Running r = new Launcher.Running(Launcher.broker("--port", "0", "--config", conf.toString()));
        Matcher m = LISTENING.matcher(r.nextLine());
        if (!m.find()) {
            r.close();
            throw new AssertionError("the broker did not start");
        }
        return new Broker(r, Integer.parseInt(m.group(2)));
    }

    private static Launcher.Result pub(Broker b, String user, String password, String topic) {
        return pub(b.port, user, password, topic);
    }

    private static Launcher.Result pub(int port, String user, String password, String topic) {
        return Launcher.run("pub", "-p", String.valueOf(port), "-u", user, "-P", password, "-t", topic, "-m", "x",
                "-q", "1");
    }
}
