package dev.wren.codec;

import java.util.Objects;

/**
 * A validated topic filter, possibly a shared subscription {@code $share/{group}/{filter}}.
 *
 * @param value the filter exactly as sent on the wire
 */
public record TopicFilter(String value) {
    public TopicFilter {
        Objects.requireNonNull(value, "value");
        String problem = Topics.checkFilter(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic filter '" + value + "': " + problem);
        }
    }

    /** Validates {@code value}; on failure a {@link MalformedPacketException} (0x81). */
    public static TopicFilter decode(String value) {
        String problem = Topics.checkFilter(value);
        if (problem != null) {
            throw MalformedPacketException.malformed(problem);
        }
        return new TopicFilter(value);
    }

    /** Whether this is a shared subscription filter ({@code $share/...}). */
    public boolean isShared() {
        return value.startsWith(Topics.SHARE_PREFIX);
    }

    /** The ShareName of a shared subscription, or {@code null}. */
    public String shareName() {
        if (!isShared()) {
            return null;
        }
        return value.substring(Topics.SHARE_PREFIX.length(), value.indexOf('/', Topics.SHARE_PREFIX.length()));
    }

    /** The filter that topics are matched against: without the {@code $share/{group}/} prefix. */
    public String matchFilter() {
        if (!isShared()) {
            return value;
        }
        return value.substring(value.indexOf('/', Topics.SHARE_PREFIX.length()) + 1);
    }

    /** Whether the filter to match contains a wildcard. */
    public boolean hasWildcard() {
        return Topics.hasWildcard(matchFilter());
    }

    @Override
    public String toString() {
        return value;
    }
}
