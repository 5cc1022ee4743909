package dev.wren.broker.security;

import dev.wren.broker.security.AclRule.Access;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of an ACL file, in Mosquitto's syntax so that existing files work:
 * <pre>
 * # rules before any "user" line apply to clients without a user name
 * topic read public/#
 * user alice
 * topic readwrite alice/#
 * topic deny alice/secret
 * # for everyone: %c is the client id, %u the user name
 * pattern write devices/%c/status
 * </pre>
 * The access is {@code read}, {@code write}, {@code readwrite} (the default when omitted) or
 * {@code deny}. Immutable.
 *
 * @param anonymous rules of clients without a user name
 * @param users rules per user name
 * @param patterns rules for every client
 */
public record AclFile(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns) {

    /** The rules that apply to {@code username} ({@code null}: anonymous), patterns last. */
    List<AclRule> rulesOf(String username) {
        return username == null ? anonymous : users.getOrDefault(username, List.of());
    }

    /**
     * Parses the lines of {@code file}.
     *
     * @throws SecurityFileException naming the first bad line
     */
    public static AclFile parse(Path file, List<String> lines) {
        List<AclRule> anonymous = new ArrayList<>();
        Map<String, List<AclRule>> users = new HashMap<>();
        List<AclRule> patterns = new ArrayList<>();
        List<AclRule> current = anonymous;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1].strip() : "";
            switch (words[0]) {
                case "user" -> {
                    if (rest.isEmpty()) {
                        throw new SecurityFileException(file, i + 1, "'user' needs a user name");
                    }
                    current = users.computeIfAbsent(rest, u -> new ArrayList<>());
                }
                case "topic" -> current.add(rule(file, i + 1, rest, false));
                case "pattern" -> patterns.add(rule(file, i + 1, rest, true));
                default -> throw new SecurityFileException(file, i + 1,
                        "unknown keyword '" + words[0] + "' (expected user, topic or pattern)");
            }
        }
        Map<String, List<AclRule>> frozen = new HashMap<>();
        users.forEach((u, r) -> frozen.put(u, List.copyOf(r)));
        return new AclFile(List.copyOf(anonymous), Map.copyOf(frozen), List.copyOf(patterns));
    }

    private static AclRule rule(Path file, int line, String rest, boolean pattern) {
        String[] words = rest.split("\\s+", 2);
        Access access = switch (words[0]) {
            case "read" -> Access.READ;
            case "write" -> Access.WRITE;
            case "readwrite" -> Access.READWRITE;
            case "deny" -> Access.DENY;
            default -> null;
        };
        String filter = access == null ? rest : words.length > 1 ? words[1].strip() : "";
        if (access == null) {
            access = Access.READWRITE;
        }
        if (filter.isEmpty()) {
            throw new SecurityFileException(file, line, "a topic filter is missing");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            boolean hash = l.contains("#");
            if ((hash && (!l.equals("#") || i != levels.length - 1)) || (l.contains("+") && !l.equals("+"))) {
                throw new SecurityFileException(file, line, "invalid topic filter '" + filter
                        + "': # only as the whole last level, + only as a whole level");
            }
        }
        return new AclRule(access, levels, pattern);
    }
}
