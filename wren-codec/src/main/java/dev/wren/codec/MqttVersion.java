package dev.wren.codec;

/** The three protocol versions Wren speaks, with the CONNECT protocol name and level of each. */
public enum MqttVersion {
    /** MQTT 3.1: protocol name {@code MQIsdp}, level 3. */
    V3_1("MQIsdp", 3),
    /** MQTT 3.1.1: protocol name {@code MQTT}, level 4. */
    V3_1_1("MQTT", 4),
    /** MQTT 5.0: protocol name {@code MQTT}, level 5. */
    V5("MQTT", 5);

    private final String protocolName;
    private final int level;

    MqttVersion(String protocolName, int level) {
        this.protocolName = protocolName;
        this.level = level;
    }

    public String protocolName() {
        return protocolName;
    }

    public int level() {
        return level;
    }

    /** True for MQTT 5.0, the only version with properties and reason codes on the wire. */
    public boolean isV5() {
        return this == V5;
    }

    /** The version for a CONNECT's protocol name and level, or {@code null} if none matches. */
    public static MqttVersion of(String protocolName, int level) {
        for (MqttVersion v : values()) {
            if (v.level == level && v.protocolName.equals(protocolName)) {
                return v;
            }
        }
        return null;
    }
}
