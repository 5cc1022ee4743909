package dev.wren.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.Broker;
import dev.wren.broker.BrokerConfig;
import dev.wren.broker.BrokerStartException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.RawClient;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The broker engineer's quick end-to-end checks of the Broker API over a real socket. */
class BrokerSmokeIT {
    @Test
    void close_sendsServerShuttingDownToV5Clients_andWills() {
        Broker broker = Broker.start(BrokerConfig.builder().port(0).build());
        try (RawClient v5 = RawClient.open(broker.port()); RawClient v3 = RawClient.open(broker.port())) {
            v5.connectOk(MqttVersion.V5, "v5");
            v3.connectOk(MqttVersion.V3_1_1, "v3");
            broker.close();
            v5.expectDisconnect(ReasonCode.SERVER_SHUTTING_DOWN);
            v3.expectClosed();
        }
    }

    @Test
    void sys_publishesMetricsRetained() {
        try (Broker broker = Broker.start(BrokerConfig.builder().port(0).sysIntervalSeconds(1).build());
                RawClient c = RawClient.open(broker.port())) {
            c.connectOk(MqttVersion.V5, "sys");
            c.subscribe("$SYS/broker/uptime", QoS.AT_MOST_ONCE);
            Publish p = c.receive();
            assertThat(p.topic()).isEqualTo("$SYS/broker/uptime");
        }
    }

    @Test
    void start_portInUse_throwsClearException() {
        try (Broker first = Broker.start(BrokerConfig.builder().port(0).build())) {
            Assertions.assertThatThrownBy(() -> Broker.start(BrokerConfig.builder().port(first.port()).build()))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining(String.valueOf(first.port()));
        }
    }

    @Test
    void metrics_countConnectionsAndMessages() {
        try (Broker broker = Broker.start(BrokerConfig.builder().port(0).build());
                RawClient sub = RawClient.open(broker.port()); RawClient pub = RawClient.open(broker.port())) {
            sub.connectOk(MqttVersion.V5, "s");
            sub.subscribe("t", QoS.AT_LEAST_ONCE);
            pub.connectOk(MqttVersion.V3_1_1, "p");
            pub.publish("t", "x", QoS.AT_LEAST_ONCE);
            sub.receive();
            assertThat(broker.metrics().connectionsCurrent()).isEqualTo(2);
            assertThat(broker.metrics().publishReceived()).isEqualTo(1);
            assertThat(broker.metrics().publishSent()).isEqualTo(1);
        }
    }
}
