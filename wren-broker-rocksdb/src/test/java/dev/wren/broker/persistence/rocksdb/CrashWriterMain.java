package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The victim of {@link CrashRecoveryTest}: a separate JVM that stores messages for one session
 * from several threads with group commit and prints {@code ack <id>} for every commit whose
 * future completed, i.e. every message the broker would have acknowledged. It runs until killed.
 */
public final class CrashWriterMain {
    static final String CLIENT = "crash-subscriber";

    private CrashWriterMain() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        DurableStore store = DurableStore.open(StoreConfig.defaults(dir));
        store.commit(store.stageSession(new Batch(), new StoredSession(CLIENT, 5, StoredSession.NEVER_EXPIRES,
                -1, null))).join();
        PrintStream out = System.out;
        for (int i = 0; i < writers; i++) {
            Thread.ofPlatform().start(() -> writeForever(store, out));
        }
    }

    private static void writeForever(DurableStore store, PrintStream out) {
        while (true) {
            long id = store.nextMessageId();
            StoredMessage m = StoredMessage.arrived(id, "crash/" + id, Binary.utf8("payload-" + id), QoS.AT_LEAST_ONCE,
                    false, null, "publisher", System.currentTimeMillis());
            QueueEntry e = QueueEntry.queued(CLIENT, store.nextSeq(), id, QoS.AT_LEAST_ONCE, false, List.of(), null);
            store.commit(store.stagePublish(new Batch(), m, List.of(e))).join();
            synchronized (out) {
                out.println("ack " + id);
                out.flush();
            }
        }
    }
}
