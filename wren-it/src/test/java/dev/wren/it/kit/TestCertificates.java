package dev.wren.it.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA, a server certificate for 127.0.0.1/localhost and a client certificate, made
 * once per JVM with the {@code openssl} command, for the TLS and secure WebSocket tests.
 */
public final class TestCertificates {
    private static Path dir;

    private TestCertificates() {}

    /** The directory with {@code ca.crt}, {@code server.crt/.key}, {@code client.crt/.key}, created on first use. */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("wren-it-certs-");
                create(d);
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return dir;
    }

    /** Trust managers that trust the test CA. */
    public static TrustManagerFactory trustManagerFactory() {
        try (InputStream in = Files.newInputStream(dir().resolve("ca.crt"))) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test CA", e);
        }
    }

    /** An SSL context that trusts the test CA (no client certificate). */
    public static SSLContext trustingClientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManagerFactory().getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the test SSL context", e);
        }
    }

    private static void create(Path d) throws IOException, InterruptedException {
        Files.writeString(d.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(d, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=wren-it-ca");
        for (String who : List.of("server", "client")) {
            run(d, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
                    "-subj", "/CN=" + (who.equals("server") ? "localhost" : "wren-it-client"));
            run(d, "openssl", "x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", who + ".crt", "-days", "2", "-extfile", "san.ext");
        }
    }

    private static void run(Path d, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(d.toFile()).redirectErrorStream(true)
                .redirectOutput(d.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("failed: " + String.join(" ", command) + "; see " + d.resolve("openssl.log"));
        }
    }
}
