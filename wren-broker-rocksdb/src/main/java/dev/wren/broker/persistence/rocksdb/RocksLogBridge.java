package dev.wren.broker.persistence.rocksdb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rocksdb.InfoLogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes RocksDB's info log to SLF4J and picks out WAL recovery drops ("...: dropping N bytes;
 * Corruption: ...") so that the store can report them. RocksDB offers no other API that tells
 * what point-in-time recovery discarded.
 *
 * <p>Thread-safe: RocksDB calls {@link #log} from its own threads.
 */
final class RocksLogBridge extends org.rocksdb.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("dev.wren.broker.persistence.rocksdb.RocksDB");
    private static final Pattern DROPPING = Pattern.compile("dropping (\\d+) bytes");

    private final List<String> drops = new ArrayList<>();
    private long droppedBytes;

    RocksLogBridge() {
        super(InfoLogLevel.INFO_LEVEL);
    }

    @Override
    protected void log(InfoLogLevel level, String message) {
        Matcher m = DROPPING.matcher(message);
        if (m.find()) {
            synchronized (this) {
                drops.add(message.strip());
                droppedBytes += Long.parseLong(m.group(1));
            }
        }
        switch (level) {
            case FATAL_LEVEL, ERROR_LEVEL -> LOG.error("{}", message.strip());
            case WARN_LEVEL -> LOG.warn("{}", message.strip());
            case INFO_LEVEL -> LOG.debug("{}", message.strip());
            default -> LOG.trace("{}", message.strip());
        }
    }

    synchronized List<String> drops() {
        return List.copyOf(drops);
    }

    synchronized long droppedBytes() {
        return droppedBytes;
    }
}
