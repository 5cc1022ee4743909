package dev.wren.it.kit;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Will;
import java.util.List;

/** Fluent construction of a {@link Connect} for wire tests; defaults: clean start, keep alive 60 s. */
public final class ConnectBuilder {
    private final MqttVersion version;
    private final String clientId;
    private boolean cleanStart = true;
    private int keepAlive = 60;
    private String username;
    private Binary password;
    private Will will;
    private long sessionExpiry;
    private int receiveMaximum = 65535;
    private long maximumPacketSize;
    private int topicAliasMaximum;
    private List<UserProperty> userProperties = List.of();
    private boolean requestProblemInformation = true;
    private String authenticationMethod;

    private ConnectBuilder(MqttVersion version, String clientId) {
        this.version = version;
        this.clientId = clientId;
    }

    public static ConnectBuilder v5(String clientId) {
        return new ConnectBuilder(MqttVersion.V5, clientId);
    }

    public static ConnectBuilder v311(String clientId) {
        return new ConnectBuilder(MqttVersion.V3_1_1, clientId);
    }

    public static ConnectBuilder of(MqttVersion version, String clientId) {
        return new ConnectBuilder(version, clientId);
    }

    public ConnectBuilder cleanStart(boolean v) {
        cleanStart = v;
        return this;
    }

    public ConnectBuilder keepAlive(int seconds) {
        keepAlive = seconds;
        return this;
    }

    public ConnectBuilder credentials(String user, String pass) {
        username = user;
        password = pass == null ? null : Binary.utf8(pass);
        return this;
    }

    public ConnectBuilder will(String topic, String payload, QoS qos, boolean retain) {
        will = new Will(topic, Binary.utf8(payload), qos, retain);
        return this;
    }

    public ConnectBuilder will(Will w) {
        will = w;
        return this;
    }

    /** A will with a Will Delay Interval (MQTT 5). */
    public ConnectBuilder will(String topic, String payload, QoS qos, boolean retain, long delaySeconds) {
        will = new Will(topic, Binary.utf8(payload), qos, retain, delaySeconds, PublishProperties.NONE);
        return this;
    }

    public ConnectBuilder sessionExpiry(long seconds) {
        sessionExpiry = seconds;
        return this;
    }

    public ConnectBuilder receiveMaximum(int v) {
        receiveMaximum = v;
        return this;
    }

    public ConnectBuilder maximumPacketSize(long v) {
        maximumPacketSize = v;
        return this;
    }

    public ConnectBuilder topicAliasMaximum(int v) {
        topicAliasMaximum = v;
        return this;
    }

    public ConnectBuilder requestProblemInformation(boolean v) {
        requestProblemInformation = v;
        return this;
    }

    public ConnectBuilder authenticationMethod(String v) {
        authenticationMethod = v;
        return this;
    }

    public ConnectBuilder userProperties(List<UserProperty> v) {
        userProperties = v;
        return this;
    }

    public Connect build() {
        ConnectProperties props = new ConnectProperties(sessionExpiry, receiveMaximum, maximumPacketSize,
                topicAliasMaximum, false, requestProblemInformation, userProperties, authenticationMethod, null);
        return new Connect(version, clientId, cleanStart, keepAlive, username, password, will,
                version.isV5() ? props : ConnectProperties.DEFAULT);
    }
}
