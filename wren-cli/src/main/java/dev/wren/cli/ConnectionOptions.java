package dev.wren.cli;

import dev.wren.client.ClientOptions;
import dev.wren.client.ClientOptionsBuilder;
import dev.wren.client.ReconnectPolicy;
import dev.wren.client.Transport;
import dev.wren.client.WebSocketTransport;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Will;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Connection options shared by {@code pub} and {@code sub}, with mosquitto's short names. */
final class ConnectionOptions {
    private static final Pattern URL =
            Pattern.compile("(mqtts?|wss?)://(?:([^:@/]*)(?::([^@/]*))?@)?([^:/@]+)(?::(\\d{1,5}))?/(.+)");

    @Option(names = {"-L", "--url"}, paramLabel = "URL",
            description = "mqtt(s)|ws(s)://[user[:password]@]host[:port]/topic: connection and topic in one "
                    + "(ws/wss: WebSocket on the --ws path, default /mqtt).")
    String url;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Broker host (default: ${DEFAULT-VALUE}).")
    String host = "localhost";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int port = 1883;

    @Option(names = {"-i", "--id"}, paramLabel = "ID", description = "Client identifier (default: generated).")
    String clientId;

    @Option(names = {"-I", "--id-prefix"}, paramLabel = "PREFIX", description = "Generate the client id as PREFIX + process id.")
    String idPrefix;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name.")
    String username;

    @Option(names = {"-P", "--pw", "--password"}, paramLabel = "PASS", description = "Password.")
    String password;

    @Option(names = {"-V", "--protocol-version"}, paramLabel = "VERSION",
            description = "MQTT version: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31; default 5).")
    String protocolVersion = "5";

    @Option(names = {"-k", "--keepalive"}, paramLabel = "SECONDS", description = "Keep alive (default: ${DEFAULT-VALUE}).")
    int keepAlive = 60;

    @Option(names = {"-c", "--disable-clean-session"}, description = "Resume a persistent session (needs -i).")
    boolean persistentSession;

    @Option(names = {"-x", "--session-expiry-interval"}, paramLabel = "SECONDS",
            description = "Session Expiry Interval (MQTT 5; default 0, or never with -c).")
    Long sessionExpiry;

    @Option(names = "--will-topic", paramLabel = "TOPIC", description = "Will topic.")
    String willTopic;

    @Option(names = "--will-payload", paramLabel = "TEXT", description = "Will payload.")
    String willPayload;

    @Option(names = "--will-qos", paramLabel = "QOS", description = "Will QoS (default 0).")
    int willQos;

    @Option(names = "--will-retain", description = "Retain the will.")
    boolean willRetain;

    @Option(names = "--will-delay", paramLabel = "SECONDS", description = "Will Delay Interval (MQTT 5).")
    long willDelay;

    @Option(names = {"-D", "--property"}, paramLabel = "CMD PROP VALUE", parameterConsumer = PropertyArgs.class,
            description = "MQTT 5 property, e.g. -D connect user-property k v, -D publish content-type text/plain.")
    List<PropertyArgs.Property> properties = new ArrayList<>();

    @Option(names = "--cafile", paramLabel = "FILE", description = "Use TLS, trusting the CA certificates in FILE (PEM).")
    Path caFile;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate for TLS (PEM, with --key).")
    Path certFile;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key of the client certificate (PEM, PKCS#8).")
    Path keyFile;

    @Option(names = "--tls-use-os-certs", description = "Use TLS, trusting the JDK's default CA certificates.")
    boolean tlsDefaultTrust;

    @Option(names = "--insecure", description = "Use TLS without checking the server certificate (tests only).")
    boolean insecure;

    @Option(names = "--ws", paramLabel = "PATH", description = "MQTT over WebSocket to PATH (e.g. /mqtt); with TLS options: wss.")
    String webSocketPath;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Connect timeout (default: ${DEFAULT-VALUE}).")
    int connectTimeout = 10;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    /**
     * Applies {@code -L}: host, port, credentials, TLS ({@code mqtts}, {@code wss}) and WebSocket
     * ({@code ws}, {@code wss}) to these options, and
     * returns the topic, or {@code null} without {@code -L}.
     */
    String applyUrl() {
        if (url == null) {
            return null;
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new CliException(ExitCodes.USAGE,
                    "-L needs mqtt(s)://[user[:password]@]host[:port]/topic (or ws:// / wss://), not " + url);
        }
        String scheme = m.group(1);
        boolean tls = scheme.equals("mqtts") || scheme.equals("wss");
        boolean websocket = scheme.startsWith("ws");
        if (websocket && webSocketPath == null) {
            webSocketPath = "/mqtt";
        }
        host = m.group(4);
        int defaultPort = websocket ? (tls ? 443 : 80) : (tls ? 8883 : 1883);
        port = m.group(5) != null ? Integer.parseInt(m.group(5)) : defaultPort;
        if (m.group(2) != null) {
            username = m.group(2);
            password = m.group(3);
        }
        if (tls && caFile == null && !insecure) {
            tlsDefaultTrust = true;
        }
        return m.group(6);
    }

    MqttVersion version() {
        return switch (protocolVersion.toLowerCase()) {
            case "5", "mqttv5", "50" -> MqttVersion.V5;
            case "311", "mqttv311", "4" -> MqttVersion.V3_1_1;
            case "31", "mqttv31", "3" -> MqttVersion.V3_1;
            default -> throw new CliException(ExitCodes.USAGE, "unknown protocol version '" + protocolVersion
                    + "'; use 5, 311 or 31");
        };
    }

    String clientId(String kind) {
        if (clientId != null) {
            return clientId;
        }
        if (persistentSession) {
            throw new CliException(ExitCodes.USAGE, "a persistent session (-c) needs a client id (-i)");
        }
        if (idPrefix != null) {
            return idPrefix + ProcessHandle.current().pid();
        }
        return "wren-" + kind + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Options for a client of {@code kind} ("pub" or "sub") with the given reconnect policy. */
    ClientOptionsBuilder toBuilder(String kind, ReconnectPolicy reconnect) {
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCodes.USAGE, "port must be 0..65535, not " + port);
        }
        MqttVersion v = version();
        ClientOptionsBuilder b = ClientOptions.builder().host(host).port(port).version(v).clientId(clientId(kind))
                .cleanStart(!persistentSession).keepAlive(keepAlive).reconnect(reconnect)
                .connectTimeout(Duration.ofSeconds(connectTimeout));
        Transport transport = TlsOptions.transport(this);
        b.transport(webSocketPath == null ? transport : WebSocketTransport.of(webSocketPath).over(transport));
        long expiry = sessionExpiry != null ? sessionExpiry : (persistentSession ? 0xFFFF_FFFFL : 0);
        b.sessionExpiryInterval(expiry);
        if (username != null || password != null) {
            b.credentials(username, password == null ? null : Binary.utf8(password));
        }
        if (willTopic != null) {
            b.will(new Will(willTopic, Binary.utf8(willPayload == null ? "" : willPayload), qos(willQos),
                    willRetain, willDelay, PublishProperties.NONE));
        }
        for (UserProperty up : userProperties("connect")) {
            b.userProperty(up.name(), up.value());
        }
        return b;
    }

    List<UserProperty> userProperties(String command) {
        return properties.stream()
                .filter(p -> p.command().equals(command) && p.name().equals("user-property"))
                .map(p -> new UserProperty(p.value(), p.value2()))
                .toList();
    }

    /** The value of {@code -D command name value}, or {@code null}. */
    String property(String command, String name) {
        String value = null;
        for (PropertyArgs.Property p : properties) {
            if (p.command().equals(command) && p.name().equals(name)) {
                value = p.value();
            }
        }
        return value;
    }

    static QoS qos(int value) {
        if (value < 0 || value > 2) {
            throw new CliException(ExitCodes.USAGE, "QoS must be 0, 1 or 2, not " + value);
        }
        return QoS.of(value);
    }
}
