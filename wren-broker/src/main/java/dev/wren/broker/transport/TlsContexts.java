package dev.wren.broker.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Server TLS contexts from PEM files, with errors that say which file and what to do. */
final class TlsContexts {
    private TlsContexts() {}

    /**
     * A server context for {@code certFile} (PEM chain, server first) and {@code keyFile} (PEM,
     * PKCS#8); with {@code caFile}, client certificates signed by those CAs are verified, and
     * required if {@code requireClientCert}.
     *
     * @throws IllegalArgumentException naming the file and the fix (a configuration error)
     */
    static SslContext server(String certFile, String keyFile, String caFile, boolean requireClientCert) {
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            throw new IllegalArgumentException("a TLS listener needs tls.cert-file and tls.key-file (PEM files)");
        }
        readable(certFile, "tls.cert-file");
        readable(keyFile, "tls.key-file");
        if (!caFile.isEmpty()) {
            readable(caFile, "tls.ca-file");
        } else if (requireClientCert) {
            throw new IllegalArgumentException("tls.require-client-certificate needs tls.ca-file: the CAs that "
                    + "sign the client certificates");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new File(certFile), new File(keyFile));
            if (!caFile.isEmpty()) {
                b.trustManager(new File(caFile)).clientAuth(requireClientCert ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return b.protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate " + certFile + " with key " + keyFile
                    + " (and CAs " + (caFile.isEmpty() ? "none" : caFile) + "): " + e.getMessage()
                    + " (PEM files; the key unencrypted PKCS#8: convert an \"RSA PRIVATE KEY\" with "
                    + "openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key)", e);
        }
    }

    private static void readable(String file, String key) {
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(key + ": cannot read " + file + " (does it exist? is it readable by the broker?)");
        }
    }
}
