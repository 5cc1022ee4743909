package dev.wren.client;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Will;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link ClientOptions}: each setter sets the component of the same meaning (see the
 * {@link ClientOptions} parameters for units and defaults). Not thread-safe: use from one thread.
 */
public final class ClientOptionsBuilder {
    private String host = "localhost";
    private int port = 1883;
    private Transport transport = Transport.TCP;
    private MqttVersion version = MqttVersion.V5;
    private String clientId = "";
    private boolean cleanStart = true;
    private long sessionExpiryInterval;
    private int keepAliveSeconds = 60;
    private String username;
    private Binary password;
    private Will will;
    private int receiveMaximum = 65535;
    private long maximumPacketSize;
    private int topicAliasMaximum = 16;
    private boolean autoTopicAliases = true;
    private final List<UserProperty> userProperties = new ArrayList<>();
    private boolean requestResponseInformation;
    private AuthHandler authHandler;
    private ReconnectPolicy reconnectPolicy = ReconnectPolicy.DEFAULT;
    private boolean retryFirstConnect;
    private int offlineBufferSize = 10_000;
    private OfflinePolicy offlinePolicy = OfflinePolicy.REJECT_NEW;
    private OutboundStore outboundStore;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private EventLoopGroup eventLoopGroup;
    private ConnectionListener connectionListener;

    ClientOptionsBuilder() {}

    public ClientOptionsBuilder host(String value) {
        host = value;
        return this;
    }

    public ClientOptionsBuilder port(int value) {
        port = value;
        return this;
    }

    public ClientOptionsBuilder transport(Transport value) {
        transport = value;
        return this;
    }

    public ClientOptionsBuilder version(MqttVersion value) {
        version = value;
        return this;
    }

    public ClientOptionsBuilder clientId(String value) {
        clientId = value;
        return this;
    }

    public ClientOptionsBuilder cleanStart(boolean value) {
        cleanStart = value;
        return this;
    }

    public ClientOptionsBuilder sessionExpiryInterval(long seconds) {
        sessionExpiryInterval = seconds;
        return this;
    }

    public ClientOptionsBuilder keepAlive(int seconds) {
        keepAliveSeconds = seconds;
        return this;
    }

    public ClientOptionsBuilder credentials(String user, Binary pass) {
        username = user;
        password = pass;
        return this;
    }

    public ClientOptionsBuilder will(Will value) {
        will = value;
        return this;
    }

    public ClientOptionsBuilder receiveMaximum(int value) {
        receiveMaximum = value;
        return this;
    }

    public ClientOptionsBuilder maximumPacketSize(long value) {
        maximumPacketSize = value;
        return this;
    }

    public ClientOptionsBuilder topicAliasMaximum(int value) {
        topicAliasMaximum = value;
        return this;
    }

    public ClientOptionsBuilder autoTopicAliases(boolean value) {
        autoTopicAliases = value;
        return this;
    }

    public ClientOptionsBuilder userProperty(String name, String value) {
        userProperties.add(new UserProperty(name, value));
        return this;
    }

    public ClientOptionsBuilder requestResponseInformation(boolean value) {
        requestResponseInformation = value;
        return this;
    }

    public ClientOptionsBuilder authHandler(AuthHandler value) {
        authHandler = value;
        return this;
    }

    public ClientOptionsBuilder reconnect(ReconnectPolicy value) {
        reconnectPolicy = value;
        return this;
    }

    /**
     * Whether the first {@code connect()} keeps retrying (with the reconnect back-off) while the
     * server is unreachable or unavailable, instead of failing at once (default false). Useful
     * when the client may start before the broker.
     */
    public ClientOptionsBuilder retryFirstConnect(boolean value) {
        retryFirstConnect = value;
        return this;
    }

    public ClientOptionsBuilder offlineBuffer(int size, OfflinePolicy policy) {
        offlineBufferSize = size;
        offlinePolicy = policy;
        return this;
    }

    public ClientOptionsBuilder outboundStore(OutboundStore value) {
        outboundStore = value;
        return this;
    }

    public ClientOptionsBuilder connectTimeout(Duration value) {
        connectTimeout = value;
        return this;
    }

    public ClientOptionsBuilder eventLoopGroup(EventLoopGroup value) {
        eventLoopGroup = value;
        return this;
    }

    public ClientOptionsBuilder connectionListener(ConnectionListener value) {
        connectionListener = value;
        return this;
    }

    public ClientOptions build() {
        return new ClientOptions(host, port, transport, version, clientId, cleanStart, sessionExpiryInterval,
                keepAliveSeconds, username, password, will, receiveMaximum, maximumPacketSize, topicAliasMaximum,
                autoTopicAliases, userProperties, requestResponseInformation, authHandler, reconnectPolicy,
                retryFirstConnect, offlineBufferSize, offlinePolicy, outboundStore, connectTimeout, eventLoopGroup, connectionListener);
    }
}
