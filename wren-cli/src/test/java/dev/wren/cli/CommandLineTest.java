package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.client.ClientOptions;
import dev.wren.client.ReconnectPolicy;
import dev.wren.codec.MqttVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option parsing without a process (the launcher ITs run the real thing). */
class CommandLineTest {
    private static PubCommand parsePub(String... args) {
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult r = cl.parseArgs(args);
        return (PubCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void pub_mosquittoShortOptions_parsed() {
        PubCommand pub = parsePub("pub", "-h", "example", "-p", "1884", "-t", "a", "-m", "x", "-q", "2", "-r",
                "-i", "me", "-u", "user", "-P", "pw", "-V", "311", "-k", "30", "-D", "publish", "user-property", "k", "v",
                "-D", "publish", "content-type", "text/plain");
        ClientOptions o = pub.conn.toBuilder("pub", ReconnectPolicy.NEVER).build();
        assertThat(o.host()).isEqualTo("example");
        assertThat(o.port()).isEqualTo(1884);
        assertThat(o.version()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(o.clientId()).isEqualTo("me");
        assertThat(o.keepAliveSeconds()).isEqualTo(30);
        assertThat(pub.qos).isEqualTo(2);
        assertThat(pub.retain).isTrue();
        assertThat(pub.conn.userProperties("publish")).hasSize(1);
        assertThat(pub.conn.property("publish", "content-type")).isEqualTo("text/plain");
    }

    @Test
    void url_setsHostPortCredentialsAndTopic() {
        PubCommand pub = parsePub("pub", "-L", "mqtt://bob:secret@broker.example:1999/a/b/#", "-m", "x");
        assertThat(pub.conn.applyUrl()).isEqualTo("a/b/#");
        assertThat(pub.conn.host).isEqualTo("broker.example");
        assertThat(pub.conn.port).isEqualTo(1999);
        assertThat(pub.conn.username).isEqualTo("bob");
        assertThat(pub.conn.password).isEqualTo("secret");
        PubCommand tls = parsePub("pub", "-L", "mqtts://h/t", "-m", "x");
        assertThat(tls.conn.applyUrl()).isEqualTo("t");
        assertThat(tls.conn.port).isEqualTo(8883);
        assertThat(tls.conn.tlsDefaultTrust).isTrue();
    }

    @Test
    void ws_selectsWebSocketTransport() {
        PubCommand pub = parsePub("pub", "-t", "a", "-m", "x", "--ws", "/mqtt");
        assertThat(pub.conn.toBuilder("pub", ReconnectPolicy.NEVER).build().transport())
                .isInstanceOf(dev.wren.client.WebSocketTransport.class);
        PubCommand plain = parsePub("pub", "-t", "a", "-m", "x");
        assertThat(plain.conn.toBuilder("pub", ReconnectPolicy.NEVER).build().transport())
                .isSameAs(dev.wren.client.Transport.TCP);
    }

    @Test
    void pub_persistentSessionWithoutId_isAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("pub", "-t", "a", "-m", "x", "-c");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("-c").contains("-i");
    }

    @Test
    void pub_twoMessageSources_rejected() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("pub", "-t", "a", "-m", "x", "-n")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void sub_badProtocolVersion_isAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("sub", "-t", "a", "-V", "7")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("protocol version");
    }
}
