package dev.wren.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Restarts of a {@code wren broker} child process on the same data directory (durability sync):
 * a clean stop (SIGTERM) and {@code kill -9}. What the broker acknowledged before must be there
 * after: persistent sessions, their subscriptions and queued QoS 1/2 messages, retained messages;
 * what expired while it was down must be gone.
 */
class RestartIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requiresPersistenceWiring() {
        assumeTrue(BrokerProcess.supportsDataDir(), "wren broker has no --data-dir/--durability yet");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stop", "kill -9"})
    void restart_queuedQos1And2AndRetained_deliveredOnceInOrder(String how) {
        Path dir = tmp.resolve("data");
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            try (RawClient sub = RawClient.open(broker.port())) {
                sub.connect(persistent("sub", 3600));
                sub.subscribe("r/#", QoS.EXACTLY_ONCE);
                sub.disconnect();
            }
            try (RawClient pub = RawClient.open(broker.port())) {
                pub.connectOk(MqttVersion.V5, "pub");
                pub.publish("r/1", "one", QoS.AT_LEAST_ONCE);
                pub.publish("r/2", "two", QoS.EXACTLY_ONCE);
                pub.publishRetained("r/3", "three", QoS.AT_LEAST_ONCE);
                pub.publish("r/4", "four", QoS.EXACTLY_ONCE);
            }
            if (how.equals("stop")) {
                broker.stop();
            } else {
                broker.kill();
            }
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync");
                RawClient sub = RawClient.open(broker.port());
                RawClient fresh = RawClient.open(broker.port())) {
            ConnAck ack = sub.connect(persistent("sub", 3600));
            assertThat(ack.sessionPresent()).as("Session Present after restart").isTrue();
            List<Publish> got = List.of(sub.receive(), sub.receive(), sub.receive(), sub.receive());
            assertThat(got).extracting(Publish::topic).containsExactly("r/1", "r/2", "r/3", "r/4");
            assertThat(got).extracting(Publish::qos).containsExactly(QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE,
                    QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE);
            assertThat(got).extracting(p -> p.payload().toUtf8String()).containsExactly("one", "two", "three",
                    "four");
            sub.expectNothingFor(Duration.ofMillis(500));

            fresh.connectOk(MqttVersion.V5, "fresh");
            fresh.subscribe("r/#", QoS.AT_LEAST_ONCE);
            Publish retained = fresh.receive();
            assertThat(retained.topic()).isEqualTo("r/3");
            assertThat(retained.retain()).isTrue();
        }
    }

    @Test
    void restart_afterSessionExpiredWhileDown_onlyUnexpiredSessionResumes() {
        Path dir = tmp.resolve("data");
        long disconnectedAt;
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            for (String id : List.of("short", "long")) {
                try (RawClient sub = RawClient.open(broker.port())) {
                    sub.connect(persistent(id, id.equals("short") ? 1 : 3600));
                    sub.subscribe("e/#", QoS.AT_LEAST_ONCE);
                    sub.disconnect();
                }
            }
            disconnectedAt = System.currentTimeMillis();
            try (RawClient pub = RawClient.open(broker.port())) {
                pub.connectOk(MqttVersion.V5, "pub");
                pub.publish("e/1", "queued", QoS.AT_LEAST_ONCE);
            }
            broker.kill();
        }
        // The broker is down: only wall-clock time can expire the 1 s session, there is no clock to inject.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.currentTimeMillis() > disconnectedAt + 1_500);
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync");
                RawClient shortSub = RawClient.open(broker.port());
                RawClient longSub = RawClient.open(broker.port())) {
            assertThat(shortSub.connect(persistent("short", 1)).sessionPresent()).isFalse();
            shortSub.expectNothingFor(Duration.ofMillis(300));
            assertThat(longSub.connect(persistent("long", 3600)).sessionPresent()).isTrue();
            assertThat(longSub.receive().payload().toUtf8String()).isEqualTo("queued");
        }
    }

    @Test
    void secondBroker_onSameDataDir_refusesToStartWithClearMessage() {
        Path dir = tmp.resolve("data");
        try (BrokerProcess first = BrokerProcess.start(dir, "sync")) {
            BrokerProcess second = BrokerProcess.launch(dir, "sync");
            int exit = second.awaitExit();
            assertThat(exit).as("exit code of the second broker").isNotZero();
            assertThat(second.output()).contains("another broker uses");
            try (RawClient c = RawClient.open(first.port())) {
                c.connectOk(MqttVersion.V5, "still-served");
            }
        }
    }

    static dev.wren.codec.packet.Connect persistent(String clientId, long expirySeconds) {
        return ConnectBuilder.v5(clientId).cleanStart(false).sessionExpiry(expirySeconds).build();
    }
}
