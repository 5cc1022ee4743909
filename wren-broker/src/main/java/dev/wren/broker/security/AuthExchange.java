package dev.wren.broker.security;

import dev.wren.codec.Binary;

/**
 * One MQTT 5.0 enhanced-authentication conversation (CONNECT/AUTH ... or a re-authentication),
 * for one connection. Created by {@link Authenticator#startExchange}; confined to the
 * connection's event loop.
 */
public interface AuthExchange {
    /** The first step, with the Authentication Data of CONNECT or of the client's AUTH 0x19. */
    AuthResult start(Binary data);

    /** A further step, with the Authentication Data of the client's AUTH 0x18. */
    AuthResult next(Binary data);
}
