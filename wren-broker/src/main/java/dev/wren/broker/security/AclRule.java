package dev.wren.broker.security;

/**
 * One line of an ACL file: an access and a topic filter, whose levels may be {@code %c} (the
 * client id) or {@code %u} (the user name) in a {@code pattern} line. Immutable.
 *
 * @param access what the rule grants or denies
 * @param levels the filter split at {@code /}
 * @param pattern whether {@code %c}/{@code %u} are substituted (a {@code pattern} line)
 */
record AclRule(Access access, String[] levels, boolean pattern) {
    enum Access {
        READ, WRITE, READWRITE, DENY;

        boolean grantsRead() {
            return this == READ || this == READWRITE;
        }

        boolean grantsWrite() {
            return this == WRITE || this == READWRITE;
        }
    }

    /**
     * Level {@code i} for this client: the level itself, or with {@code %c}/{@code %u} replaced in a
     * pattern; {@code null} if the rule cannot apply (no user name for {@code %u}, or a value that
     * would itself act as a separator or wildcard).
     */
    String level(int i, String clientId, String username) {
        String l = levels[i];
        if (!pattern || l.indexOf('%') < 0) {
            return l;
        }
        if (l.contains("%u")) {
            if (username == null || !safe(username)) {
                return null;
            }
            l = l.replace("%u", username);
        }
        if (l.contains("%c")) {
            if (!safe(clientId)) {
                return null;
            }
            l = l.replace("%c", clientId);
        }
        return l;
    }

    private static boolean safe(String value) {
        return value.indexOf('/') < 0 && value.indexOf('+') < 0 && value.indexOf('#') < 0;
    }

    /**
     * Whether this rule's filter matches the topic name {@code topic} (MQTT matching: {@code +} one
     * level, {@code #} the rest, wildcards at the first level do not match {@code $} topics
     * [MQTT-4.7.2-1]). Walks the topic in place: no allocation unless a pattern is substituted.
     */
    boolean matchesTopic(String topic, String clientId, String username) {
        int n = topic.length();
        int pos = 0;
        boolean dollar = n > 0 && topic.charAt(0) == '$';
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.equals("#")) {
                return !(i == 0 && dollar);
            }
            if (pos > n) {
                return false; // the topic has fewer levels
            }
            int end = topic.indexOf('/', pos);
            if (end < 0) {
                end = n;
            }
            if (l.equals("+")) {
                if (i == 0 && dollar) {
                    return false;
                }
            } else {
                String want = level(i, clientId, username);
                if (want == null || want.length() != end - pos || !topic.regionMatches(pos, want, 0, want.length())) {
                    return false;
                }
            }
            pos = end + 1;
        }
        return pos == n + 1;
    }

    /** Whether every topic that {@code filter} matches is matched by this rule (a SUBSCRIBE it grants). */
    boolean covers(String[] filter, String clientId, String username) {
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.equals("#")) {
                return !(i == 0 && i < filter.length && filter[i].startsWith("$"));
            }
            if (i >= filter.length) {
                return false;
            }
            String f = filter[i];
            if (l.equals("+")) {
                if (f.equals("#") || (i == 0 && f.startsWith("$"))) {
                    return false;
                }
            } else {
                String want = level(i, clientId, username);
                if (want == null || !want.equals(f)) {
                    return false; // a wildcard in the filter reaches topics the literal does not
                }
            }
        }
        return filter.length == levels.length;
    }

    /** Whether some topic is matched both by this rule and by {@code filter} (a deny that touches a SUBSCRIBE). */
    boolean intersects(String[] filter, String clientId, String username) {
        int common = Math.min(levels.length, filter.length);
        for (int i = 0; i < common; i++) {
            String l = levels[i];
            String f = filter[i];
            if (l.equals("#") || f.equals("#")) {
                // everything below this level, except $ topics when a wildcard meets a $ literal at the top
                return i != 0 || !(l.startsWith("$") && !l.equals("#") || f.startsWith("$") && !f.equals("#"));
            }
            if (l.equals("+") || f.equals("+")) {
                if (i == 0 && (l.startsWith("$") || f.startsWith("$"))) {
                    return false;
                }
                continue;
            }
            String want = level(i, clientId, username);
            if (want == null || !want.equals(f)) {
                return false;
            }
        }
        if (levels.length == filter.length) {
            return true;
        }
        // one is longer: they meet only if the longer continues with a lone # (it matches its parent level)
        String[] longer = levels.length > filter.length ? levels : filter;
        return longer.length == common + 1 && longer[common].equals("#");
    }
}
