package dev.wren.client;

import dev.wren.codec.Binary;
import java.util.concurrent.CompletionStage;

/**
 * MQTT 5.0 enhanced authentication (section 4.12): the method and first data go into CONNECT;
 * each AUTH with CONTINUE_AUTHENTICATION from the server is answered with the data this
 * handler returns. Called on the client's I/O thread; return a future for slow work.
 */
public interface AuthHandler {
    /** The Authentication Method, e.g. {@code SCRAM-SHA-256}. */
    String method();

    /** Authentication Data for the CONNECT, or {@code null}. */
    Binary initialData();

    /** The answer to one challenge from the server. */
    CompletionStage<Binary> onChallenge(Binary serverData);

    /** The server accepted the authentication; {@code serverData} may be {@code null}. */
    default void onSuccess(Binary serverData) {}
}
