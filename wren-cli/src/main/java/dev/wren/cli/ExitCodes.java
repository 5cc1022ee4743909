package dev.wren.cli;

/** Process exit codes of the {@code wren} command. */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /** The broker said no or did not answer: refused CONNECT, failed PUBLISH/SUBSCRIBE, timeout. */
    public static final int FAILURE = 1;
    /** Bad command line or configuration, or a resource problem (port in use, unreadable file). */
    public static final int USAGE = 2;
    /** {@code sub -W}: the timeout expired before the requested number of messages arrived. */
    public static final int TIMEOUT = 27;

    private ExitCodes() {}
}
