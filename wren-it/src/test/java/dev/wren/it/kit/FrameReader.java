package dev.wren.it.kit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Reads whole MQTT packets (fixed header, remaining length, body) from a socket with a bounded
 * wait for the first byte; the rest of a packet must follow within {@code rest}.
 *
 * <p>Not thread-safe: owned by one {@link RawClient}.
 */
final class FrameReader {
    private final Socket socket;
    private final InputStream in;
    private final Duration rest;

    FrameReader(Socket socket, InputStream bufferedIn, Duration rest) {
        this.socket = socket;
        this.in = bufferedIn;
        this.rest = rest;
    }

    /**
     * The next packet, or {@code null} if the peer closed (EOF or reset).
     *
     * @throws SocketTimeoutException if no byte arrives within {@code firstByte}
     */
    byte[] next(Duration firstByte) throws SocketTimeoutException {
        try {
            socket.setSoTimeout(millis(firstByte));
            int first = in.read();
            if (first < 0) {
                return null;
            }
            socket.setSoTimeout(millis(rest));
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(first);
            int remaining = readRemainingLength(frame);
            frame.write(in.readNBytes(remaining));
            byte[] bytes = frame.toByteArray();
            if (bytes.length < remaining + 2) {
                throw new AssertionError("connection closed inside a packet: " + Hex.format(bytes));
            }
            return bytes;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            return null; // reset by the peer: closed
        } catch (EOFException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int readRemainingLength(ByteArrayOutputStream frame) throws IOException {
        int remaining = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("EOF inside the remaining length");
            }
            frame.write(b);
            remaining |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return remaining;
            }
            if (i == 3) {
                throw new AssertionError("peer sent a remaining length longer than 4 bytes");
            }
        }
    }

    /** Whether a byte arrives within {@code wait}, without consuming it; false if closed. */
    boolean peek(Duration wait) {
        try {
            socket.setSoTimeout(millis(wait));
            in.mark(1);
            int b = in.read();
            if (b < 0) {
                return false;
            }
            in.reset();
            return true;
        } catch (IOException e) { // includes SocketTimeoutException
            return false;
        }
    }

    /** Whether bytes are buffered or readable without blocking. */
    boolean available() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, d.toMillis());
    }
}
