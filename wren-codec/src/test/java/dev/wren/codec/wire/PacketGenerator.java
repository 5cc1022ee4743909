package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import dev.wren.codec.packet.Will;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid packets of every type for every version (3.x packets have every 5.0 field at its
 * default), for property tests. Imperative on a {@link Random} so jqwik controls the seed.
 */
public final class PacketGenerator {
    private static final ReasonCode[] REASONS = ReasonCode.values();
    private static final String ALPHABET = "ab/xyz$äé€😀 \uFEFF";

    private final Random r;

    public PacketGenerator(Random r) {
        this.r = r;
    }

    /** A packet, the version to encode it in, and whether a client sent it. */
    public record Case(MqttPacket packet, MqttVersion version, boolean fromClient) {
        public DecoderContext context() {
            return fromClient ? DecoderContext.server(version) : DecoderContext.client(version);
        }
    }

    /** A random packet of any type valid in {@code v}. */
    public Case any(MqttVersion v) {
        PacketType[] types = PacketType.values();
        PacketType t = types[r.nextInt(v.isV5() ? types.length : types.length - 1)];
        return of(t, v);
    }

    /** A random packet that a client may send, other than CONNECT. */
    public MqttPacket fromClient(MqttVersion v) {
        while (true) {
            Case c = any(v);
            if (c.fromClient() && c.packet().type() != PacketType.CONNECT) {
                return c.packet();
            }
        }
    }

    /** A random packet that a server may send. */
    public MqttPacket fromServer(MqttVersion v) {
        while (true) {
            Case c = any(v);
            if (!c.fromClient()) {
                return c.packet();
            }
        }
    }

    public Case of(PacketType t, MqttVersion v) {
        boolean random = r.nextBoolean();
        return switch (t) {
            case CONNECT -> new Case(connect(v), v, true);
            case CONNACK -> new Case(connAck(v), v, false);
            case PUBLISH -> {
                Publish p = publish(v, random);
                yield new Case(p, v, random);
            }
            case PUBACK -> new Case(new PubAck(id(), reason(v, t), reasonString(v), users(v)), v, random);
            case PUBREC -> new Case(new PubRec(id(), reason(v, t), reasonString(v), users(v)), v, random);
            case PUBREL -> new Case(new PubRel(id(), reason(v, t), reasonString(v), users(v)), v, random);
            case PUBCOMP -> new Case(new PubComp(id(), reason(v, t), reasonString(v), users(v)), v, random);
            case SUBSCRIBE -> new Case(subscribe(v), v, true);
            case SUBACK -> new Case(new SubAck(id(), reasons(v, t, 1), reasonString(v), users(v)), v, false);
            case UNSUBSCRIBE -> new Case(new Unsubscribe(id(), filters(v), users(v)), v, true);
            case UNSUBACK -> new Case(new UnsubAck(id(), v.isV5() ? reasons(v, t, 1) : List.of(), reasonString(v),
                    users(v)), v, false);
            case PINGREQ -> new Case(PingReq.INSTANCE, v, true);
            case PINGRESP -> new Case(PingResp.INSTANCE, v, false);
            case DISCONNECT -> disconnect(v, random);
            case AUTH -> new Case(auth(), v, random);
        };
    }

    private Connect connect(MqttVersion v) {
        String username = r.nextBoolean() ? string(10) : null;
        Binary password = (username != null || v.isV5()) && r.nextBoolean() ? binary(10) : null;
        Will will = null;
        if (r.nextBoolean()) {
            will = new Will(topicName(), binary(20), qos(), r.nextBoolean(), v.isV5() ? uint32() : 0,
                    publishProperties(v));
        }
        ConnectProperties props = ConnectProperties.DEFAULT;
        if (v.isV5() && r.nextBoolean()) {
            String method = r.nextBoolean() ? string(5) : null;
            props = new ConnectProperties(uint32(), 1 + r.nextInt(65_535), r.nextBoolean() ? 0 : 1 + uint31(),
                    r.nextInt(65_536), r.nextBoolean(), r.nextBoolean(), users(v), method,
                    method != null && r.nextBoolean() ? binary(5) : null);
        }
        return new Connect(v, string(23), r.nextBoolean(), r.nextInt(65_536), username, password, will, props);
    }

    private ConnAck connAck(MqttVersion v) {
        ReasonCode rc;
        if (v.isV5()) {
            rc = reason(v, PacketType.CONNACK);
        } else {
            rc = ReasonCode.fromV3ConnAckCode(r.nextInt(6));
        }
        boolean sessionPresent = v != MqttVersion.V3_1 && !rc.isError() && r.nextBoolean();
        ConnAckProperties props = ConnAckProperties.DEFAULT;
        if (v.isV5() && r.nextBoolean()) {
            String method = r.nextBoolean() ? string(5) : null;
            props = new ConnAckProperties(r.nextBoolean() ? -1 : uint32(), 1 + r.nextInt(65_535), r.nextInt(3),
                    r.nextBoolean(), r.nextBoolean() ? 0 : 1 + uint31(), nullable(string(10)), r.nextInt(65_536),
                    reasonString(v), users(v), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                    r.nextBoolean() ? -1 : r.nextInt(65_536), nullable(string(5)), nullable(string(5)), method,
                    method != null && r.nextBoolean() ? binary(5) : null);
        }
        return new ConnAck(sessionPresent, rc, props);
    }

    private Publish publish(MqttVersion v, boolean fromClient) {
        QoS qos = qos();
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : id();
        boolean dup = qos != QoS.AT_MOST_ONCE && r.nextBoolean();
        int alias = v.isV5() && r.nextBoolean() ? 1 + r.nextInt(65_535) : 0;
        String topic = alias != 0 && r.nextBoolean() ? "" : topicName();
        List<Integer> subIds = new ArrayList<>();
        if (v.isV5() && !fromClient) {
            for (int i = r.nextInt(3); i > 0; i--) {
                subIds.add(1 + r.nextInt(r.nextBoolean() ? 200 : 268_435_455));
            }
        }
        return new Publish(topic, binary(r.nextInt(4) == 0 ? 2000 : 40), qos, r.nextBoolean(), dup, packetId,
                publishProperties(v), alias, subIds);
    }

    private PublishProperties publishProperties(MqttVersion v) {
        if (!v.isV5() || r.nextBoolean()) {
            return PublishProperties.NONE;
        }
        return new PublishProperties(r.nextBoolean(), r.nextBoolean() ? -1 : uint32(), nullable(string(8)),
                r.nextBoolean() ? topicName() : null, r.nextBoolean() ? binary(8) : null, users(v));
    }

    private Subscribe subscribe(MqttVersion v) {
        List<Subscription> subs = new ArrayList<>();
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            TopicFilter f = filter(v);
            if (v.isV5()) {
                subs.add(new Subscription(f, qos(), !f.isShared() && r.nextBoolean(), r.nextBoolean(),
                        RetainHandling.of(r.nextInt(3))));
            } else {
                subs.add(new Subscription(f, qos()));
            }
        }
        int subscriptionId = v.isV5() && r.nextBoolean() ? 1 + r.nextInt(268_435_455) : 0;
        return new Subscribe(id(), subs, subscriptionId, users(v));
    }

    private List<TopicFilter> filters(MqttVersion v) {
        List<TopicFilter> list = new ArrayList<>();
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            list.add(filter(v));
        }
        return list;
    }

    private TopicFilter filter(MqttVersion v) {
        StringBuilder sb = new StringBuilder();
        if (v.isV5() && r.nextInt(5) == 0) {
            sb.append("$share/g").append(r.nextInt(3)).append('/');
        }
        int levels = 1 + r.nextInt(4);
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                sb.append('/');
            }
            int kind = r.nextInt(6);
            if (kind == 0) {
                sb.append('+');
            } else if (kind == 1 && i == levels - 1) {
                sb.append('#');
            } else if (kind != 2 || levels == 1) {
                sb.append(word()); // kind 2 leaves the level empty ("a//b"), valid when not alone
            }
        }
        return new TopicFilter(sb.toString());
    }

    private Case disconnect(MqttVersion v, boolean fromClient) {
        if (!v.isV5()) {
            return new Case(Disconnect.NORMAL, v, true);
        }
        ReasonCode rc = reason(v, PacketType.DISCONNECT);
        long expiry = fromClient && r.nextBoolean() ? uint32() : -1;
        return new Case(new Disconnect(rc, expiry, reasonString(v), nullable(string(6)), users(v)), v, fromClient);
    }

    private Auth auth() {
        if (r.nextInt(4) == 0) {
            return new Auth(ReasonCode.SUCCESS, null, null);
        }
        return new Auth(reason(MqttVersion.V5, PacketType.AUTH), string(6), r.nextBoolean() ? binary(6) : null,
                reasonString(MqttVersion.V5), users(MqttVersion.V5));
    }

    private ReasonCode reason(MqttVersion v, PacketType t) {
        if (!v.isV5()) {
            return ReasonCode.SUCCESS;
        }
        while (true) {
            ReasonCode rc = REASONS[r.nextInt(REASONS.length)];
            if (rc.allowedIn(t)) {
                return rc;
            }
        }
    }

    private List<ReasonCode> reasons(MqttVersion v, PacketType t, int min) {
        List<ReasonCode> list = new ArrayList<>();
        for (int i = min + r.nextInt(4); i > 0; i--) {
            if (!v.isV5()) {
                int pick = r.nextInt(4);
                list.add(pick == 3 ? ReasonCode.UNSPECIFIED_ERROR : ReasonCode.granted(QoS.of(pick)));
            } else {
                list.add(reason(v, t));
            }
        }
        return list;
    }

    private String reasonString(MqttVersion v) {
        return v.isV5() && r.nextBoolean() ? string(12) : null;
    }

    private List<UserProperty> users(MqttVersion v) {
        if (!v.isV5()) {
            return List.of();
        }
        List<UserProperty> list = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            list.add(new UserProperty(string(5), string(5)));
        }
        return list;
    }

    private String topicName() {
        StringBuilder sb = new StringBuilder(word());
        for (int i = r.nextInt(4); i > 0; i--) {
            sb.append('/').append(r.nextInt(4) == 0 ? "" : word());
        }
        return sb.toString();
    }

    private String word() {
        String s = string(6).replace("/", "");
        return s.isEmpty() ? "w" : s;
    }

    /** A valid MQTT string: any code point but U+0000 and lone surrogates. */
    private String string(int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(10);
            if (pick < 6) {
                sb.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                        r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
            } else if (pick < 8) {
                sb.append((char) (0x20 + r.nextInt(0x5F)));
            } else {
                int cp = 1 + r.nextInt(0x10FFFF);
                sb.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 'q' : cp);
            }
        }
        return sb.toString().replace("+", "p").replace("#", "h");
    }

    private Binary binary(int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        r.nextBytes(b);
        return Binary.wrap(b);
    }

    private String nullable(String s) {
        return r.nextBoolean() ? s : null;
    }

    private QoS qos() {
        return QoS.of(r.nextInt(3));
    }

    private int id() {
        return 1 + r.nextInt(65_535);
    }

    private long uint32() {
        return r.nextInt(3) == 0 ? 0xFFFF_FFFFL : r.nextLong(0x1_0000_0000L);
    }

    private int uint31() {
        return r.nextInt(Integer.MAX_VALUE);
    }
}
