package dev.wren.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DUP flag of QoS 1 deliveries restored by a {@code wren broker} child process (durability
 * sync). Sending QoS 1 is not written to the store (one write less per message), so after
 * {@code kill -9} the broker cannot tell a sent delivery from a queued one and sends every
 * restored QoS 1 delivery with DUP=1 [MQTT-3.3.1-1]; a clean stop records the deliveries in
 * flight, so a never-sent one goes out with DUP=0 [MQTT-3.3.1-3] and an in-flight one is resent
 * with DUP=1 under its packet id.
 */
class DupAfterRestartIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requiresPersistenceWiring() {
        assumeTrue(BrokerProcess.supportsDataDir(), "wren broker has no --data-dir/--durability yet");
    }

    /**
     * s1 receives d/1 and does not acknowledge it, then drops its connection; d/2 is published while it
     * is offline (queued, never sent). Then the broker is stopped or killed and restarted.
     */
    private static int sendOneQueueOne(BrokerProcess broker) {
        int inFlightId;
        try (RawClient sub = RawClient.open(broker.port())) {
            sub.connect(RestartIT.persistent("s1", 3600));
            sub.subscribe("d/#", QoS.AT_LEAST_ONCE);
            try (RawClient pub = RawClient.open(broker.port())) {
                pub.connectOk(MqttVersion.V5, "pub");
                pub.publish("d/1", "sent before", QoS.AT_LEAST_ONCE);
                Publish first = sub.expect(Publish.class); // not acknowledged
                assertThat(first.dup()).isFalse();
                inFlightId = first.packetId();
                sub.disconnect();
                pub.publish("d/2", "queued", QoS.AT_LEAST_ONCE);
            }
        }
        return inFlightId;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stop", "kill -9"})
    void restoredInFlightQos1_resentWithDup_MQTT_3_3_1_1(String how) {
        Path dir = tmp.resolve("data");
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            sendOneQueueOne(broker);
            if (how.equals("stop")) {
                broker.stop();
            } else {
                broker.kill();
            }
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync"); RawClient sub = RawClient.open(broker.port())) {
            assertThat(sub.connect(RestartIT.persistent("s1", 3600)).sessionPresent()).isTrue();
            Publish again = sub.receive();
            assertThat(again.payload().toUtf8String()).isEqualTo("sent before");
            assertThat(again.dup()).as("re-delivery of a PUBLISH sent before the " + how).isTrue();
            Publish queued = sub.receive();
            assertThat(queued.payload().toUtf8String()).isEqualTo("queued");
            if (how.equals("stop")) {
                // the clean stop recorded what was in flight: this one was never sent [MQTT-3.3.1-3]
                assertThat(queued.dup()).as("first delivery after a clean stop").isFalse();
            } else {
                // after kill -9 the broker cannot know that it was never sent: DUP=1 is the safe side
                assertThat(queued.dup()).as("restored after kill -9, possibly sent before").isTrue();
            }
            sub.expectNothingFor(Duration.ofMillis(300));
        }
    }

    @Test
    void cleanStop_inFlightQos1_resentUnderItsPacketId_MQTT_4_4_0_1() {
        Path dir = tmp.resolve("data");
        int id;
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            id = sendOneQueueOne(broker);
            broker.stop();
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            try (RawClient sub = RawClient.open(broker.port())) {
                sub.connect(RestartIT.persistent("s1", 3600));
                Publish again = sub.receive();
                assertThat(again.packetId()).isEqualTo(id);
                assertThat(again.dup()).isTrue();
                sub.receive();
                sub.disconnect();
            }
            broker.stop(); // a clean stop: the PUBACKs above are on disk, the queue is empty
        }
        // the restart consumed the clean-stop record: a crash now must not pass for a clean stop
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            try (RawClient sub = RawClient.open(broker.port())) {
                sub.connect(RestartIT.persistent("s1", 3600));
                sub.disconnect();
            }
            try (RawClient pub = RawClient.open(broker.port())) {
                pub.connectOk(MqttVersion.V5, "pub");
                pub.publish("d/3", "after restart", QoS.AT_LEAST_ONCE);
            }
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync"); RawClient sub = RawClient.open(broker.port())) {
            sub.connect(RestartIT.persistent("s1", 3600));
            Publish p = sub.receive();
            assertThat(p.payload().toUtf8String()).isEqualTo("after restart");
            assertThat(p.dup()).isTrue();
        }
    }
}
