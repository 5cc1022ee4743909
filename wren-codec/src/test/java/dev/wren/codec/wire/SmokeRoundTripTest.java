package dev.wren.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import dev.wren.codec.packet.Will;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeRoundTripTest {

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void roundTrip_commonPackets_equal(MqttVersion v) {
        boolean v5 = v.isV5();
        List<UserProperty> users = v5 ? List.of(new UserProperty("k", "v")) : List.of();
        PublishProperties pp = v5
                ? new PublishProperties(true, 10, "text/plain", "re/ply", Binary.utf8("c"), users)
                : PublishProperties.NONE;
        Connect connect = new Connect(v, "client-1", true, 60, "user", Binary.utf8("pw"),
                new Will("will/topic", Binary.utf8("bye"), QoS.AT_LEAST_ONCE, true, v5 ? 5 : 0, pp),
                v5 ? new ConnectProperties(30, 10, 1024, 5, true, false, users, "SCRAM", Binary.utf8("x"))
                        : ConnectProperties.DEFAULT);
        roundTrip(connect, v, true);
        roundTrip(new ConnAck(v != MqttVersion.V3_1, ReasonCode.SUCCESS), v, false);
        roundTrip(new Publish("a/b", Binary.utf8("hello"), QoS.EXACTLY_ONCE, true, true, 7, pp, v5 ? 3 : 0, List.of()),
                v, true);
        roundTrip(new PubAck(7), v, true);
        roundTrip(new Subscribe(9, List.of(new Subscription(new TopicFilter("a/+"), QoS.AT_LEAST_ONCE))), v, true);
        roundTrip(new SubAck(9, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR)), v, false);
        roundTrip(new Unsubscribe(10, List.of(new TopicFilter("a/#"))), v, true);
        roundTrip(new UnsubAck(10, v5 ? List.of(ReasonCode.SUCCESS) : List.of()), v, false);
        roundTrip(PingReq.INSTANCE, v, true);
        roundTrip(Disconnect.NORMAL, v, true);
        if (v5) {
            roundTrip(new Disconnect(ReasonCode.SERVER_SHUTTING_DOWN, "bye"), v, false);
            roundTrip(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "SCRAM", Binary.utf8("d")), v, true);
        }
    }

    private static void roundTrip(MqttPacket p, MqttVersion v, boolean fromClient) {
        byte[] wire = CodecSupport.encode(p, v);
        DecoderContext ctx = fromClient ? DecoderContext.server(v) : DecoderContext.client(v);
        assertThat(CodecSupport.decode(wire, ctx)).isEqualTo(p);
    }
}
