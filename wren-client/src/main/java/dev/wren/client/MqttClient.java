package dev.wren.client;

import dev.wren.client.internal.ClientCore;
import dev.wren.client.internal.Futures;
import dev.wren.client.internal.MessageStream;
import dev.wren.client.internal.Requests;
import dev.wren.client.internal.SharedEventLoops;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Subscription;
import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * An MQTT 5.0 / 3.1.1 / 3.1 client.
 *
 * <pre>{@code
 * try (MqttClient client = MqttClient.create(ClientOptions.builder().host("localhost").build())) {
 *     client.onMessage(m -> System.out.println(m.topic() + " " + m.payloadAsString()));
 *     client.connect();
 *     client.subscribe("sensors/#", QoS.AT_LEAST_ONCE);
 *     client.publish(Message.of("sensors/t1", "21.5").withQos(QoS.AT_LEAST_ONCE));
 * }
 * }</pre>
 *
 * <p>Every operation has an asynchronous form returning a {@link CompletableFuture} and a
 * blocking form that waits for it and throws {@link MqttClientException}; the blocking forms
 * are meant for virtual threads. Futures complete on the client's I/O thread, so chained
 * callbacks must not block. Once connected, the client reconnects by itself according to its
 * {@link ReconnectPolicy}, resends unacknowledged messages and restores subscriptions.
 *
 * <p>Thread-safe: all methods may be called from any thread. Operations take effect in the
 * order the calls are made (one queue per client), so a publisher's messages keep their order
 * even when some are published from callbacks and some from other threads.
 */
public final class MqttClient implements AutoCloseable {
    private final ClientCore core;
    private final Requests requests = new Requests();
    private final List<MessageStream> streams = new CopyOnWriteArrayList<>();
    private final Set<String> responseTopics = ConcurrentHashMap.newKeySet();
    private final Executor streamExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("wren-stream").factory());
    private volatile Consumer<Message> handler = m -> {};

    private MqttClient(ClientOptions options) {
        EventLoopGroup group = options.eventLoopGroup() != null ? options.eventLoopGroup() : SharedEventLoops.get();
        this.core = new ClientCore(options, group.next(), this::dispatch);
    }

    /** A new, not yet connected client. */
    public static MqttClient create(ClientOptions options) {
        return new MqttClient(options);
    }

    private void dispatch(Message m) {
        if (requests.offer(m)) {
            return;
        }
        handler.accept(m);
        for (MessageStream s : streams) {
            s.offer(m);
        }
    }

    /**
     * Sets the callback for received messages. It runs on the client's I/O thread, in order,
     * before the message is acknowledged: keep it short or hand the message off.
     */
    public void onMessage(Consumer<Message> callback) {
        handler = callback == null ? m -> {} : callback;
    }

    /**
     * A new stream of received messages with back-pressure: when {@code bufferSize} messages
     * wait for the subscriber's demand, the client stops reading from the network.
     */
    public Flow.Publisher<Message> messages(int bufferSize) {
        MessageStream[] holder = new MessageStream[1];
        holder[0] = new MessageStream(bufferSize, streamExecutor,
                read -> core.execute(() -> core.setReading(read)), () -> streams.remove(holder[0]));
        streams.add(holder[0]);
        return holder[0];
    }

    /** Connects; completes on CONNACK or fails with the refusal's reason code. */
    public CompletableFuture<ConnectResult> connectAsync() {
        CompletableFuture<ConnectResult> f = new CompletableFuture<>();
        core.execute(() -> core.connect(f));
        return f;
    }

    /** Connects and waits for the CONNACK. */
    public ConnectResult connect() {
        return await(connectAsync());
    }

    /** Publishes; see {@link PublishResult} for when the future completes. */
    public CompletableFuture<PublishResult> publishAsync(Message message) {
        CompletableFuture<PublishResult> f = new CompletableFuture<>();
        core.execute(() -> core.publish(message).whenComplete((r, e) -> complete(f, r, e)));
        return f;
    }

    /** Publishes and waits for the acknowledgement the QoS calls for. */
    public PublishResult publish(Message message) {
        return await(publishAsync(message));
    }

    /** Subscribes to one filter with default options. */
    public CompletableFuture<SubscribeResult> subscribeAsync(String filter, QoS qos) {
        return subscribeAsync(List.of(new Subscription(new TopicFilter(filter), qos)), 0, List.of());
    }

    /**
     * Subscribes to several filters with their options (No Local, Retain As Published, Retain
     * Handling), an optional Subscription Identifier (0 for none) and User Properties.
     */
    public CompletableFuture<SubscribeResult> subscribeAsync(List<Subscription> subscriptions, int subscriptionIdentifier,
            List<UserProperty> userProperties) {
        CompletableFuture<SubscribeResult> f = new CompletableFuture<>();
        core.execute(() -> core.subscribe(subscriptions, subscriptionIdentifier, userProperties)
                .whenComplete((r, e) -> complete(f, r, e)));
        return f;
    }

    /** Subscribes and waits for the SUBACK. */
    public SubscribeResult subscribe(String filter, QoS qos) {
        return await(subscribeAsync(filter, qos));
    }

    /** Unsubscribes from the given filters; completes on UNSUBACK. */
    public CompletableFuture<UnsubscribeResult> unsubscribeAsync(String... filters) {
        List<TopicFilter> list = Arrays.stream(filters).map(TopicFilter::new).toList();
        CompletableFuture<UnsubscribeResult> f = new CompletableFuture<>();
        core.execute(() -> core.unsubscribe(list, List.of()).whenComplete((r, e) -> complete(f, r, e)));
        return f;
    }

    /** Unsubscribes and waits for the UNSUBACK. */
    public UnsubscribeResult unsubscribe(String... filters) {
        return await(unsubscribeAsync(filters));
    }

    /**
     * Sends a request and waits for the response (MQTT 5.0 request/response): {@code request}
     * must carry a Response Topic; Correlation Data is generated unless present. The client
     * subscribes to the response topic on first use.
     */
    public CompletableFuture<Message> requestAsync(Message request, Duration timeout) {
        String responseTopic = request.properties().responseTopic();
        if (responseTopic == null) {
            throw new IllegalArgumentException("a request needs a Response Topic (Message.withResponse)");
        }
        Binary correlation = request.properties().correlationData();
        if (correlation == null) {
            byte[] id = new byte[16];
            new SecureRandom().nextBytes(id);
            correlation = Binary.wrap(id);
            request = request.withResponse(responseTopic, correlation);
        }
        CompletableFuture<Message> response = requests.expect(correlation, timeout, core.loop());
        CompletableFuture<SubscribeResult> ready = responseTopics.add(responseTopic)
                ? subscribeAsync(responseTopic, QoS.AT_LEAST_ONCE)
                : CompletableFuture.completedFuture(null);
        Message toSend = request;
        Binary key = correlation;
        ready.thenCompose(r -> publishAsync(toSend)).whenComplete((r, e) -> {
            if (e != null) {
                requests.cancel(key, e);
            }
        });
        return response;
    }

    /** Sends DISCONNECT and closes the connection; no automatic reconnect follows. */
    public CompletableFuture<Void> disconnectAsync() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        core.execute(() -> core.disconnect(f, -1));
        return f;
    }

    /** Sends DISCONNECT and waits until the connection is closed. */
    public void disconnect() {
        await(disconnectAsync());
    }

    /** Whether the client is connected right now. */
    public boolean isConnected() {
        return core.isConnected();
    }

    /** The client identifier in use: the server-assigned one once connected, if we sent none. */
    public String clientId() {
        return core.clientId();
    }

    /** How many publishes are accepted and not yet acknowledged (sent or waiting to be sent). */
    public CompletableFuture<Integer> pendingPublishes() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        core.execute(() -> f.complete(core.pendingPublishes()));
        return f;
    }

    /**
     * Disconnects, fails every waiting future with {@link MqttClientException} and closes the
     * outbound store. Unacknowledged QoS 1/2 messages stay in a durable store.
     */
    @Override
    public void close() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        core.execute(() -> core.close(f));
        await(f);
        for (MessageStream s : streams) {
            s.complete();
        }
    }

    /** Waits for {@code f}; refuses on the I/O thread, where waiting would deadlock the client. */
    private <T> T await(CompletableFuture<T> f) {
        if (core.loop().inEventLoop()) {
            throw new IllegalStateException("blocking MqttClient call on the client's I/O thread (in a callback?) "
                    + "would deadlock; use the ...Async form there");
        }
        return Futures.await(f);
    }

    private static <T> void complete(CompletableFuture<T> f, T value, Throwable error) {
        if (error != null) {
            f.completeExceptionally(error);
        } else {
            f.complete(value);
        }
    }
}
