package dev.wren.broker.connection;

import dev.wren.broker.metrics.Metric;
import dev.wren.broker.security.AuthRequest;
import dev.wren.broker.security.AuthResult;
import dev.wren.broker.session.Publisher;
import dev.wren.broker.session.Session;
import dev.wren.broker.session.SessionRegistry.ConnectRequest;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state machine of one network connection, sans I/O: packets come in through
 * {@link #onPacket}, go out through {@link Transport}. It runs the CONNECT handshake (with
 * enhanced authentication), dispatches the packets of a connected client, and closes the
 * connection with the right reason code, handing the session back to the registry.
 *
 * <p>Thread confinement: the connection's loop ({@link Transport#loop()}); the attached session
 * is confined to the same loop.
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private enum State { AWAITING_CONNECT, AUTHENTICATING, ATTACHING, CONNECTED, CLOSED }

    private final BrokerContext ctx;
    private final Transport transport;
    private final InboundPublishes inbound;
    private final ReadGate gate;
    /** Only for clients that use enhanced authentication (MQTT 5.0 Authentication Method). */
    private EnhancedAuth auth;
    private State state = State.AWAITING_CONNECT;
    private MqttVersion version;
    /** The CONNECT until the session is attached; afterwards only the few fields below are kept. */
    private Connect connect;
    private String username;
    private boolean expiryZeroOnConnect;
    private Negotiated negotiated;
    private TopicAliases aliases;
    private Session session;
    private boolean willSuppressed;
    private boolean dispatching;
    private ReasonCode closeReason;

    public Connection(BrokerContext ctx, Transport transport) {
        this.ctx = ctx;
        this.transport = transport;
        this.inbound = new InboundPublishes(this, ctx);
        this.gate = new ReadGate(this, ctx.metrics(), ctx.sessions().limits().backPressure());
    }

    /** Handles one decoded packet. */
    public void onPacket(MqttPacket packet) {
        dispatching = true;
        try {
            handle(packet);
        } finally {
            dispatching = false;
        }
    }

    private void handle(MqttPacket packet) {
        switch (state) {
            case AWAITING_CONNECT -> {
                if (packet instanceof Connect c) {
                    onConnect(c);
                } else {
                    closeSilently("first packet is not CONNECT [MQTT-3.1.0-1]");
                }
            }
            case AUTHENTICATING -> auth.onConnectPhase(packet);
            case ATTACHING, CONNECTED -> {
                if (packet instanceof Disconnect d && d.reasonCode() != ReasonCode.DISCONNECT_WITH_WILL_MESSAGE) {
                    willSuppressed = true; // in case the channel closes while it is held
                }
                if (!gate.hold(packet)) { // held while attaching or paused by back-pressure
                    dispatch(packet);
                }
            }
            case CLOSED -> { }
        }
    }

    private void dispatch(MqttPacket packet) {
        switch (packet) {
            case Publish p -> inbound.onPublish(p, session, aliases);
            case PubAck a -> session.onPubAck(a.packetId());
            case PubRec r -> {
                if (!session.onPubRec(r.packetId(), r.reasonCode())) {
                    write(new PubRel(r.packetId(), isV5() ? ReasonCode.PACKET_IDENTIFIER_NOT_FOUND : ReasonCode.SUCCESS));
                }
            }
            case PubRel r -> inbound.onPubRel(r, session);
            case PubComp c -> session.onPubComp(c.packetId());
            case Subscribe s -> new SubscriptionRequests(this, ctx).onSubscribe(s, session);
            case Unsubscribe u -> new SubscriptionRequests(this, ctx).onUnsubscribe(u, session);
            case PingReq ignored -> write(PingResp.INSTANCE);
            case Disconnect d -> onDisconnect(d);
            case Auth a -> {
                if (auth == null) {
                    protocolError("AUTH without, or with another, Authentication Method than CONNECT [MQTT-4.12.0-5] [MQTT-4.12.0-7]");
                } else {
                    auth.onReauth(a);
                }
            }
            case Connect ignored -> protocolError("second CONNECT [MQTT-3.1.0-2]");
            case ConnAck ignored -> protocolError("CONNACK from a client");
            case SubAck ignored -> protocolError("SUBACK from a client");
            case UnsubAck ignored -> protocolError("UNSUBACK from a client");
            case PingResp ignored -> protocolError("PINGRESP from a client");
        }
    }

    private void onConnect(Connect c) {
        this.version = c.version();
        this.connect = c;
        this.username = c.username();
        this.expiryZeroOnConnect = c.properties().sessionExpiryInterval() == 0;
        if (ctx.metrics().connectionsCurrent() > ctx.config().maxConnections()) {
            ctx.metrics().increment(Metric.CONNECTIONS_REJECTED_LIMIT);
            refuse(ReasonCode.SERVER_BUSY, "maximum connections reached");
            return;
        }
        ConnectNegotiation.Result r = ConnectNegotiation.negotiate(c, ctx.config(), ConnectNegotiation::randomClientId);
        if (r.refusal() != null) {
            refuse(r.refusal(), "CONNECT refused");
            return;
        }
        this.negotiated = r.negotiated();
        transport.outboundMaximumPacketSize(negotiated.clientMaximumPacketSize());
        AuthRequest request = new AuthRequest(negotiated.clientId(), c.username(), c.password(),
                transport.remoteAddress(), version);
        String method = c.properties().authenticationMethod();
        if (version.isV5() && method != null) {
            auth = new EnhancedAuth(this, ctx);
            auth.startConnect(method, c.properties().authenticationData(), request);
        } else {
            onAuthResult(ctx.authenticator().authenticate(request));
        }
    }

    /** Outcome of plain or enhanced authentication during CONNECT. */
    void onAuthResult(AuthResult result) {
        switch (result.status()) {
            case SUCCESS -> attach(result);
            case CONTINUE -> {
                state = State.AUTHENTICATING;
                write(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, auth.method(), result.data()));
                transport.flush();
            }
            case FAILURE -> {
                ctx.metrics().increment(Metric.AUTH_FAILURES);
                refuse(result.reason(), "authentication failed");
            }
        }
    }

    private void attach(AuthResult result) {
        state = State.ATTACHING;
        gate.closeForAttach();
        ConnAckProperties props = negotiated.connAck();
        if (auth != null) {
            props = EnhancedAuth.withAuth(props, auth.method(), result.data());
        }
        ConnAckProperties connAckProps = props;
        ctx.sessions().connect(new ConnectRequest(negotiated.clientId(), connect.cleanStart(),
                negotiated.sessionExpiry(), connect.will(), transport.loop(), new ConnectionLink(this)),
                (s, present) -> onAttached(s, present, connAckProps));
    }

    private void onAttached(Session s, boolean present, ConnAckProperties props) {
        if (state == State.CLOSED) {
            s.detach(!willSuppressed); // the connection died while the session was being handed over
            return;
        }
        session = s;
        state = State.CONNECTED;
        aliases = new TopicAliases(negotiated.inboundTopicAliasMaximum(),
                isV5() ? negotiated.clientTopicAliasMaximum() : 0);
        write(new ConnAck(present, ReasonCode.SUCCESS, props));
        ctx.metrics().increment(Metric.CONNECTS_ACCEPTED);
        LOG.info("connect client={} address={} version={} cleanStart={} sessionPresent={}", negotiated.clientId(),
                transport.remoteAddress(), version, connect.cleanStart(), present);
        connect = null; // an idle connection keeps none of it (the will lives in the session)
        negotiated = negotiated.withoutConnAck();
        transport.keepAlive(negotiated.keepAliveSeconds() * 1500L); // 1.5 x keep alive [MQTT-3.1.2-22]
        s.resume();
        gate.attached();
    }

    private void onDisconnect(Disconnect d) {
        if (isV5() && d.sessionExpiryInterval() > 0 && expiryZeroOnConnect) {
            protocolError("Session Expiry Interval set on DISCONNECT after 0 on CONNECT (MQTT 5.0 3.14.2.2.2)");
            return;
        }
        if (isV5() && d.sessionExpiryInterval() >= 0) {
            session.expiryInterval(Math.min(d.sessionExpiryInterval(), ctx.config().maxSessionExpiryInterval()));
        }
        boolean withWill = isV5() && d.reasonCode() == ReasonCode.DISCONNECT_WITH_WILL_MESSAGE;
        if (!withWill) {
            session.clearWill(); // [MQTT-3.14.4-3]
            willSuppressed = true;
        }
        closeReason = d.reasonCode();
        close(withWill);
    }

    /** The one place a decode error becomes a DISCONNECT (5.0) or a plain close (3.x). */
    public void onMalformed(MalformedPacketException e) {
        ReasonCode reason = e.reasonCode();
        ctx.metrics().increment(reason == ReasonCode.MALFORMED_PACKET ? Metric.MALFORMED_PACKETS : Metric.PROTOCOL_ERRORS);
        if (state == State.AWAITING_CONNECT) {
            if (reason == ReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
                refuse(reason, e.getMessage()); // [MQTT-3.1.2-2]
            } else {
                closeSilently("bad CONNECT: " + e.getMessage());
            }
            return;
        }
        disconnect(reason, e.getMessage());
    }

    /**
     * The keep-alive (or CONNECT) timer expired.
     *
     * @return true if the connection stays open and its timer should start over
     */
    public boolean onKeepAliveTimeout() {
        if (state == State.CLOSED) {
            return false;
        }
        if (state == State.AWAITING_CONNECT || state == State.AUTHENTICATING) {
            closeSilently("no CONNECT in time");
            return false;
        }
        if (state == State.CONNECTED && gate.excusesIdle()) {
            return true; // reads were paused by publisher back-pressure, not by the client
        }
        ctx.metrics().increment(Metric.KEEP_ALIVE_TIMEOUTS);
        disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT, "keep alive timeout"); // [MQTT-3.1.2-22]
        return false;
    }

    /**
     * The end of a read burst (or of a replay of held packets), before its flush: the session
     * sends, in one drain, what the burst's acknowledgements made room for.
     */
    public void onReadComplete() {
        if (session != null) {
            session.afterReadBurst();
        }
    }

    /** The socket is writable again: send what the session queued meanwhile. */
    public void onWritable() {
        if (session != null) {
            session.onWritable();
            transport.flush();
        }
    }

    /**
     * A PUBLISH larger than the client's Maximum Packet Size: not written; the session discards it
     * as if delivered (acknowledged) [MQTT-3.1.2-25]. Called on the loop before any write, from
     * inside the session's send (so nothing here may call back into the session, or flush).
     */
    void publishTooLarge(Publish p, int max) {
        ctx.metrics().dropped(Metric.DROPPED_TOO_LARGE_FOR_CLIENT, clientId());
        LOG.debug("PUBLISH discarded: too large for client={} topic={} payload={} bytes maximum={} [MQTT-3.1.2-25]",
                clientId(), p.topic(), p.payload().length(), max);
    }

    /**
     * The encoder refused a PUBLISH as too large. Should not happen (the size is checked before
     * writing, see {@link #publishTooLarge}); counted as a discard [MQTT-3.1.2-25], nothing else.
     */
    public void onPublishTooLarge() {
        ctx.metrics().dropped(Metric.DROPPED_TOO_LARGE_FOR_CLIENT, clientId());
    }

    /** The channel is closed (by either side). */
    public void onClosed() {
        boolean wasOpen = state != State.CLOSED;
        state = State.CLOSED;
        gate.closed();
        detachSession(!willSuppressed);
        if (negotiated != null && (wasOpen || closeReason != null)) {
            LOG.info("disconnect client={} address={} reason={}", negotiated.clientId(), transport.remoteAddress(),
                    closeReason == null ? "connection lost"
                            : closeReason == ReasonCode.NORMAL_DISCONNECTION ? "normal" : closeReason);
        }
    }

    void protocolError(String why) {
        ctx.metrics().increment(Metric.PROTOCOL_ERRORS);
        disconnect(ReasonCode.PROTOCOL_ERROR, why);
    }

    /** Server-initiated close with {@code reason}: DISCONNECT (5.0), then close; the will is published. */
    public void disconnect(ReasonCode reason, String why) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.AWAITING_CONNECT || state == State.AUTHENTICATING || state == State.ATTACHING) {
            refuse(reason, why);
            return;
        }
        if (isV5()) {
            write(new Disconnect(reason, why));
        }
        LOG.debug("closing client={}: {} ({})", clientId(), reason, why);
        closeReason = reason;
        close(true);
    }

    /** This connection is replaced by a new one for the same client id [MQTT-3.1.4-3]. */
    public void takenOver() {
        if (isV5()) {
            write(new Disconnect(ReasonCode.SESSION_TAKEN_OVER)); // [MQTT-3.1.4-3]
        }
        closeReason = ReasonCode.SESSION_TAKEN_OVER;
        close(true);
    }

    private void close(boolean publishWill) {
        state = State.CLOSED;
        detachSession(publishWill);
        transport.close();
    }

    private void detachSession(boolean publishWill) {
        if (session != null) {
            Session s = session;
            session = null;
            s.detach(publishWill);
        }
    }

    private void refuse(ReasonCode reason, String why) {
        ctx.metrics().increment(Metric.CONNECTS_REFUSED);
        LOG.info("connect refused client={} address={} reason={} ({})", connect == null ? "?" : connect.clientId(),
                transport.remoteAddress(), reason, why);
        ReasonCode onWire = reason.allowedIn(dev.wren.codec.PacketType.CONNACK) ? reason : ReasonCode.UNSPECIFIED_ERROR;
        write(new ConnAck(false, onWire)); // [MQTT-3.2.2-6]: no Session Present with an error
        state = State.CLOSED;
        transport.close();
    }

    private void closeSilently(String why) {
        LOG.debug("closing {}: {}", transport.remoteAddress(), why);
        ctx.metrics().increment(Metric.PROTOCOL_ERRORS);
        state = State.CLOSED;
        transport.close();
    }

    void write(MqttPacket packet) {
        transport.write(packet);
    }

    /**
     * Writes a packet whose store write just completed: flushed at once unless a read burst is
     * being handled (which flushes at its end). Dropped if the connection has closed meanwhile.
     */
    /**
     * Runs {@code writes}, store completions that write acknowledgements with
     * {@link #writeAfterStore}, with one flush at the end instead of one per packet.
     */
    void afterStore(Runnable writes) {
        boolean outer = dispatching;
        dispatching = true;
        try {
            writes.run();
        } finally {
            dispatching = outer;
        }
        if (!outer && state != State.CLOSED) {
            transport.flush();
        }
    }

    void writeAfterStore(MqttPacket packet) {
        if (state == State.CLOSED) {
            return;
        }
        transport.write(packet);
        if (!dispatching) {
            transport.flush();
        }
    }

    boolean isV5() {
        return version != null && version.isV5();
    }

    String clientId() {
        return negotiated == null ? null : negotiated.clientId();
    }

    /** The Receive Maximum announced to this client. */
    int inboundReceiveMaximum() {
        return negotiated.inboundReceiveMaximum();
    }

    String username() {
        return username;
    }

    Session session() {
        return session;
    }

    /** This connection as a publisher that back-pressure may pause, or {@code null} if it is off. */
    Publisher publisher() {
        return gate.enabled() ? gate : null;
    }

    Transport transport() {
        return transport;
    }

    boolean isConnected() {
        return state == State.CONNECTED;
    }

    MqttVersion protocolVersion() {
        return version;
    }

    Negotiated negotiated() {
        return negotiated;
    }

    TopicAliases aliases() {
        return aliases;
    }
}
