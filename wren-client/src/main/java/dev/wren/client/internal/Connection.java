package dev.wren.client.internal;

import dev.wren.client.Message;
import dev.wren.client.MqttClientException;
import dev.wren.client.PublishResult;
import dev.wren.codec.PacketTooLargeException;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.Publish;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One network connection of a client: writes packets with one flush per batch of work on
 * the event loop, and records why the connection ended so the client can report it.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class Connection implements SessionOutput {
    private static final PublishResult WRITTEN = new PublishResult(ReasonCode.SUCCESS, null, List.of());

    final Channel channel;
    private final ClientCore core;
    private boolean flushPending;
    boolean connAcked;
    boolean pingOutstanding;
    boolean closedByUser;
    /** Why the connection ended, if known: refusal, server DISCONNECT, protocol error, I/O error. */
    MqttClientException endReason;
    Disconnect serverDisconnect;
    /** The CONNECT to send once the transport is ready, or {@code null} once sent. */
    Connect connect;

    private final ChannelFuture connectFuture;

    Connection(ChannelFuture connectFuture, ClientCore core) {
        this.connectFuture = connectFuture;
        this.channel = connectFuture.channel();
        this.core = core;
    }

    /** Why the TCP connect failed, or {@code null} if it did not (yet). */
    Throwable connectFailure() {
        return connectFuture.isDone() ? connectFuture.cause() : null;
    }

    @Override
    public void send(MqttPacket packet) {
        if (packet instanceof Publish p) {
            channel.write(packet).addListener(f -> {
                if (f.cause() instanceof PacketTooLargeException e) {
                    core.onPublishTooLarge(this, p.packetId(), e);
                } else if (f.cause() != null) {
                    channel.pipeline().fireExceptionCaught(f.cause());
                }
            });
        } else {
            channel.write(packet).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
        requestFlush();
    }

    @Override
    public void sendQos0(MqttPacket packet, CompletableFuture<PublishResult> written) {
        channel.write(packet).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(WRITTEN);
            } else {
                written.completeExceptionally(new MqttClientException("QoS 0 publish not written", f.cause()));
            }
        });
        requestFlush();
    }

    /** Sends the CONNECT held for the transport's handshake, once. */
    void sendConnect() {
        if (connect != null) {
            send(connect);
            connect = null;
        }
    }

    /**
     * Nothing was written for a keep-alive interval: PINGREQ, or, if the last PINGREQ is still
     * unanswered, give the connection up.
     */
    void keepAlive() {
        if (pingOutstanding) {
            close(Failures.local("no PINGRESP within the keep alive interval; connection lost"));
            return;
        }
        pingOutstanding = true;
        send(PingReq.INSTANCE);
    }

    /** Flushes once after the current batch of event-loop tasks instead of once per packet. */
    private void requestFlush() {
        if (!flushPending) {
            flushPending = true;
            channel.eventLoop().execute(this::flushNow);
        }
    }

    void flushNow() {
        flushPending = false;
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void deliver(Message message) {
        core.deliver(message);
    }

    @Override
    public void protocolViolation(ReasonCode reason, String why) {
        core.protocolViolation(this, reason, why);
    }

    /** Ends the connection, first recording {@code reason} unless an earlier reason is known. */
    void close(MqttClientException reason) {
        if (endReason == null) {
            endReason = reason;
        }
        channel.close();
    }
}
