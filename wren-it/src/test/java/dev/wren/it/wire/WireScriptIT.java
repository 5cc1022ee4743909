package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Hex;
import dev.wren.it.kit.RawClient;
import dev.wren.it.kit.WireScript;
import dev.wren.it.kit.WireScript.ConnectStep;
import dev.wren.it.kit.WireScript.Expect;
import dev.wren.it.kit.WireScript.ExpectClosed;
import dev.wren.it.kit.WireScript.ExpectDisconnect;
import dev.wren.it.kit.WireScript.ExpectNothing;
import dev.wren.it.kit.WireScript.Send;
import dev.wren.it.kit.WireScript.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every hex wire script in {@code src/test/resources/wire/*.txt} (one file per packet
 * type) against the in-process broker: one dynamic test per case, named after the spec
 * statement it verifies, each on a fresh broker and a fresh connection. See
 * {@link BrokerExtension#PEER_PORT} for running them against another broker.
 */
@Timeout(180)
class WireScriptIT {
    private static final java.time.Duration CASE_TIMEOUT = java.time.Duration.ofSeconds(30);

    @TestFactory
    Stream<DynamicNode> wireScripts() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(scriptDir())) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).as("wire scripts").isNotEmpty();
        return files.stream().map(WireScriptIT::container);
    }

    private static DynamicContainer container(Path file) {
        WireScript script;
        try {
            script = WireScript.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DynamicContainer.dynamicContainer(script.file(), file.toUri(), script.cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.displayName(), file.toUri(),
                        // @Timeout does not reach dynamic tests: bound each case here
                        () -> {
                            Assumptions.assumeTrue(c.skipReason() == null, c.skipReason());
                            Assertions.assertTimeoutPreemptively(CASE_TIMEOUT, () -> run(script.file(), c));
                        })));
    }

    private static void run(String file, WireScript.Case c) {
        BrokerExtension broker = new BrokerExtension();
        broker.start();
        try (RawClient client = RawClient.open(broker.port())) {
            runSteps(file, c, client);
        } finally {
            broker.stop();
        }
    }

    private static void runSteps(String file, WireScript.Case c, RawClient client) {
        for (Step step : c.steps()) {
            try {
                execute(client, step);
            } catch (AssertionError e) {
                throw new AssertionError(file + ":" + step.line() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void execute(RawClient client, Step step) {
        switch (step) {
            case Send s -> client.send(s.bytes());
            case Expect e -> expect(client, e);
            case ExpectClosed ignored -> client.expectClosed();
            case ExpectNothing n -> client.expectNothingFor(n.quiet());
            case ExpectDisconnect d -> {
                expect(client, new Expect(d.line(), java.util.Arrays.asList(0xE0, null, d.reasonCode()), true,
                        "DISCONNECT " + Integer.toHexString(d.reasonCode())));
                client.expectClosed();
            }
            case ConnectStep c -> {
                client.send(WireScript.connectBytes(c.level(), c.clientId()));
                if (c.level() == 5) {
                    expect(client, new Expect(c.line(), java.util.Arrays.asList(0x20, null, null, 0x00), true, "CONNACK success"));
                } else {
                    expect(client, new Expect(c.line(), List.of(0x20, 0x02, 0x00, 0x00), false, "CONNACK success"));
                }
            }
        }
    }

    private static void expect(RawClient client, Expect e) {
        byte[] frame = client.readFrame();
        if (frame == null) {
            throw new AssertionError("expected [" + e.text() + "] but the server closed the connection");
        }
        if (!WireScript.matches(e, frame)) {
            throw new AssertionError("expected [" + e.text() + "] but received [" + Hex.format(frame) + "]");
        }
    }

    private static Path scriptDir() {
        URL url = WireScriptIT.class.getClassLoader().getResource("wire");
        assertThat(url).as("wire script directory on the test classpath").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
