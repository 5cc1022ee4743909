package dev.wren.broker.security;

import dev.wren.codec.TopicFilter;

/**
 * Decides what an authenticated client may do. Called on event loops for every PUBLISH and
 * SUBSCRIBE: implementations must be thread-safe, fast and non-blocking.
 */
public interface Authorizer {
    /** Everything is allowed. */
    Authorizer ALLOW_ALL = new Authorizer() {
        @Override
        public boolean canPublish(String clientId, String username, String topic) {
            return true;
        }

        @Override
        public boolean canSubscribe(String clientId, String username, TopicFilter filter) {
            return true;
        }
    };

    /** Whether the client may publish to {@code topic} (refused: PUBACK/PUBREC 0x87). */
    boolean canPublish(String clientId, String username, String topic);

    /** Whether the client may subscribe to {@code filter} (refused: SUBACK 0x87). */
    boolean canSubscribe(String clientId, String username, TopicFilter filter);
}
