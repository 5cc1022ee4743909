package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tls.require-client-certificate}: only clients with a certificate from {@code tls.ca-file} get in. */
class TlsClientCertificateIT {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> {
        Path certs = TestCertificates.dir();
        b.tlsPort(0).tlsCertFile(certs.resolve("server.crt").toString())
                .tlsKeyFile(certs.resolve("server.key").toString())
                .tlsCaFile(certs.resolve("ca.crt").toString()).tlsRequireClientCertificate(true);
    });

    @Test
    void withoutCertificate_refused_withCertificate_accepted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")), "mosquitto-clients not installed");
        assertThat(pub(false)).as("no client certificate").isNotZero();
        assertThat(pub(true)).as("certificate signed by the CA").isZero();
    }

    private static int pub(boolean withCertificate) throws Exception {
        Path certs = TestCertificates.dir();
        int port = broker.broker().listenerAddresses().get("mqtts").getPort();
        List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "--cafile", certs.resolve("ca.crt").toString(), "-t", "c/t", "-m", "x", "-q", "1"));
        if (withCertificate) {
            cmd.addAll(List.of("--cert", certs.resolve("client.crt").toString(), "--key",
                    certs.resolve("client.key").toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
