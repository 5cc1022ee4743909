package dev.wren.cli;

import dev.wren.client.Transport;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Turns the mosquitto-style TLS options ({@code --cafile --cert --key --insecure --tls-use-os-certs}) into a transport. */
final class TlsOptions {
    private TlsOptions() {}

    static Transport transport(ConnectionOptions o) {
        if (o.insecure) {
            return Transport.tlsInsecure();
        }
        if (o.caFile == null && !o.tlsDefaultTrust && o.certFile == null) {
            return Transport.TCP;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (o.caFile != null) {
                requireReadable(o.caFile, "--cafile");
                b.trustManager(o.caFile.toFile());
            }
            if (o.certFile != null || o.keyFile != null) {
                if (o.certFile == null || o.keyFile == null) {
                    throw new CliException(ExitCodes.USAGE, "--cert and --key go together");
                }
                requireReadable(o.certFile, "--cert");
                requireReadable(o.keyFile, "--key");
                b.keyManager(o.certFile.toFile(), o.keyFile.toFile());
            }
            return Transport.tls(b.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static void requireReadable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new CliException(ExitCodes.USAGE, option + ": cannot read " + file);
        }
    }
}
