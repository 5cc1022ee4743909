package dev.wren.client;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Will;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a client needs to know before it connects. Immutable; build with {@link #builder()}.
 *
 * @param host server host name or address
 * @param port server port
 * @param transport TCP by default
 * @param version protocol version
 * @param clientId client identifier; empty lets an MQTT 5.0 server assign one
 * @param cleanStart Clean Start (5.0) / Clean Session (3.x) of the first connection
 * @param sessionExpiryInterval seconds the server keeps the session after a disconnect (5.0)
 * @param keepAliveSeconds keep alive, 0 to disable
 * @param username user name or {@code null}
 * @param password password or {@code null}
 * @param will Will Message or {@code null}
 * @param receiveMaximum how many QoS 1/2 messages the server may send us unacknowledged (5.0)
 * @param maximumPacketSize largest packet we accept, 0 for no limit (5.0)
 * @param topicAliasMaximum how many Topic Aliases the server may use towards us (5.0)
 * @param autoTopicAliases whether to use Topic Aliases for outbound messages when the server allows
 * @param userProperties User Properties of the CONNECT (5.0)
 * @param requestResponseInformation ask the server for Response Information (5.0)
 * @param authHandler enhanced authentication or {@code null} (5.0)
 * @param reconnectPolicy automatic reconnect
 * @param retryFirstConnect whether {@code connect()} keeps trying, with the reconnect policy's
 *     back-off, while the server cannot be reached or is unavailable (refusals that another
 *     attempt would not change, such as bad credentials, still fail it at once)
 * @param offlineBufferSize how many messages to buffer while offline or flow-controlled
 * @param offlinePolicy what to do when that buffer is full
 * @param outboundStore where QoS 1/2 messages wait for acknowledgement; {@code null} for a new in-memory store
 * @param connectTimeout limit for TCP connect plus CONNACK
 * @param eventLoopGroup Netty event loops to run on, or {@code null} for a shared default
 * @param connectionListener connection events or {@code null}
 */
public record ClientOptions(
        String host, int port, Transport transport, MqttVersion version, String clientId, boolean cleanStart,
        long sessionExpiryInterval, int keepAliveSeconds, String username, Binary password, Will will,
        int receiveMaximum, long maximumPacketSize, int topicAliasMaximum, boolean autoTopicAliases,
        List<UserProperty> userProperties, boolean requestResponseInformation, AuthHandler authHandler,
        ReconnectPolicy reconnectPolicy, boolean retryFirstConnect, int offlineBufferSize, OfflinePolicy offlinePolicy,
        OutboundStore outboundStore, Duration connectTimeout, EventLoopGroup eventLoopGroup,
        ConnectionListener connectionListener) {

    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
        Objects.requireNonNull(offlinePolicy, "offlinePolicy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        userProperties = List.copyOf(userProperties);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("keep alive must be 0..65535, not " + keepAliveSeconds);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receive maximum must be 1..65535, not " + receiveMaximum);
        }
        if (clientId.isEmpty() && version == MqttVersion.V3_1) {
            throw new IllegalArgumentException("MQTT 3.1 needs a client identifier");
        }
        if (offlineBufferSize < 0) {
            throw new IllegalArgumentException("offline buffer size must be >= 0");
        }
    }

    /** A builder starting from localhost:1883, MQTT 5.0, clean start, keep alive 60 s. */
    public static ClientOptionsBuilder builder() {
        return new ClientOptionsBuilder();
    }
}
