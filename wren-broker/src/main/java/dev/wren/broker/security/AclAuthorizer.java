package dev.wren.broker.security;

import dev.wren.codec.TopicFilter;
import java.nio.file.Path;
import java.util.List;

/**
 * Authorization from an ACL file ({@code security.acl-file}, see {@link AclFile}), re-read when it
 * changes. Whatever no rule grants is refused (PUBACK/PUBREC 0x87, SUBACK 0x87; 3.1.1: SUBACK
 * 0x80, PUBLISH acknowledged and dropped), and a {@code deny} rule wins over any grant.
 *
 * <p>Publishing needs a write rule matching the topic. Subscribing needs a read rule whose filter
 * covers every topic of the requested filter ({@code sensors/#} grants {@code sensors/+/temp},
 * not {@code #}), and no deny rule may touch the requested filter: Wren checks reads when the
 * client subscribes, not per delivered message, so a filter reaching a denied topic is refused
 * as a whole.
 *
 * <p>Thread-safe: the rules are an immutable snapshot swapped on reload.
 */
public final class AclAuthorizer implements Authorizer, Refreshable {
    private final ReloadingFile<AclFile> file;

    /** @throws SecurityFileException if the file cannot be read or has a bad line */
    public AclAuthorizer(Path aclFile) {
        this.file = new ReloadingFile<>(aclFile, "ACL file", AclFile::parse);
    }

    @Override
    public boolean canPublish(String clientId, String username, String topic) {
        AclFile acl = file.current();
        int own = write(acl.rulesOf(username), clientId, username, topic);
        if (own == DENIED) {
            return false;
        }
        int patterns = write(acl.patterns(), clientId, username, topic);
        return patterns != DENIED && (own == GRANTED || patterns == GRANTED);
    }

    @Override
    public boolean canSubscribe(String clientId, String username, TopicFilter filter) {
        AclFile acl = file.current();
        String[] levels = filter.matchFilter().split("/", -1);
        int own = read(acl.rulesOf(username), clientId, username, levels);
        if (own == DENIED) {
            return false;
        }
        int patterns = read(acl.patterns(), clientId, username, levels);
        return patterns != DENIED && (own == GRANTED || patterns == GRANTED);
    }

    private static final int NONE = 0;
    private static final int GRANTED = 1;
    private static final int DENIED = 2;

    /** Indexed loop: this runs for every PUBLISH, so no iterator. */
    private static int write(List<AclRule> rules, String clientId, String username, String topic) {
        int result = NONE;
        for (int i = 0; i < rules.size(); i++) {
            AclRule r = rules.get(i);
            if (r.matchesTopic(topic, clientId, username)) {
                if (r.access() == AclRule.Access.DENY) {
                    return DENIED;
                }
                if (r.access().grantsWrite()) {
                    result = GRANTED;
                }
            }
        }
        return result;
    }

    private static int read(List<AclRule> rules, String clientId, String username, String[] levels) {
        int result = NONE;
        for (AclRule r : rules) {
            if (r.access() == AclRule.Access.DENY) {
                if (r.intersects(levels, clientId, username)) {
                    return DENIED;
                }
            } else if (r.access().grantsRead() && r.covers(levels, clientId, username)) {
                result = GRANTED;
            }
        }
        return result;
    }

    @Override
    public void refresh() {
        file.refresh();
    }
}
