package dev.wren.broker.session;

/**
 * A one-shot wake-up a paused publisher registers with the session that paused it. Called at most
 * once per registration, from any thread (the session's loop, or a publisher giving up on the
 * session); implementations hop to their own loop.
 */
public interface DrainWaiter {
    /** The session is back at its low water marks, went offline or stopped pausing publishers. */
    void drained();
}
