package dev.wren.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wren.codec.TopicFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclAuthorizerTest {
    @TempDir
    Path dir;

    private AclAuthorizer acl(String text) throws IOException {
        Path f = dir.resolve("acl");
        Files.writeString(f, text);
        return new AclAuthorizer(f);
    }

    @Test
    void publish_needsAWriteRule_denyWins_anonymousHaveTheirOwnRules() throws IOException {
        AclAuthorizer a = acl("""
                # anonymous
                topic read public/#
                topic write anon/in
                user alice
                topic readwrite alice/#
                topic deny alice/secret
                topic sensors/+/temp
                user bob
                topic read alice/#
                """);
        assertThat(a.canPublish("c", "alice", "alice/x/y")).isTrue();
        assertThat(a.canPublish("c", "alice", "alice")).as("# matches the parent level").isTrue();
        assertThat(a.canPublish("c", "alice", "alice/secret")).as("deny wins").isFalse();
        assertThat(a.canPublish("c", "alice", "sensors/k/temp")).as("no access word = readwrite").isTrue();
        assertThat(a.canPublish("c", "alice", "sensors/k/temp/x")).isFalse();
        assertThat(a.canPublish("c", "bob", "alice/x")).as("read only").isFalse();
        assertThat(a.canPublish("c", "carol", "alice/x")).as("unknown user: nothing granted").isFalse();
        assertThat(a.canPublish("c", null, "anon/in")).isTrue();
        assertThat(a.canPublish("c", null, "public/x")).isFalse();
        assertThat(a.canPublish("c", "alice", "anon/in")).as("anonymous rules are not everyone's").isFalse();
    }

    @Test
    void subscribe_filterMustBeCoveredByAReadRule_andTouchNoDeny() throws IOException {
        AclAuthorizer a = acl("""
                user alice
                topic read sensors/#
                topic read a/+/c
                topic deny sensors/secret/#
                topic write only/w
                """);
        assertThat(sub(a, "alice", "sensors/room1/temp")).isTrue();
        assertThat(sub(a, "alice", "sensors/+/temp")).as("would receive sensors/secret/temp").isFalse();
        assertThat(sub(a, "alice", "sensors")).isTrue();
        assertThat(sub(a, "alice", "a/b/c")).isTrue();
        assertThat(sub(a, "alice", "a/+/c")).isTrue();
        assertThat(sub(a, "alice", "a/#")).as("reaches topics a/+/c does not").isFalse();
        assertThat(sub(a, "alice", "#")).isFalse();
        assertThat(sub(a, "alice", "sensors/#")).as("would receive sensors/secret").isFalse();
        assertThat(sub(a, "alice", "sensors/+")).as("would receive sensors/secret").isFalse();
        assertThat(sub(a, "alice", "sensors/public")).isTrue();
        assertThat(sub(a, "alice", "only/w")).as("write does not grant read").isFalse();
        assertThat(sub(a, "alice", "$share/g/sensors/x")).as("shared: the filter part counts").isTrue();
    }

    /** [MQTT-4.7.2-1]: wildcards at the first level do not reach $ topics, in ACLs either. */
    @Test
    void dollarTopics_needTheirOwnRule() throws IOException {
        AclAuthorizer a = acl("""
                user u
                topic readwrite #
                topic read +/x
                user ops
                topic read $SYS/#
                """);
        assertThat(a.canPublish("c", "u", "$SYS/x")).isFalse();
        assertThat(sub(a, "u", "$SYS/#")).isFalse();
        assertThat(sub(a, "u", "$SYS/x")).isFalse();
        assertThat(sub(a, "u", "any/x")).isTrue();
        assertThat(sub(a, "ops", "$SYS/broker/store/#")).isTrue();
    }

    @Test
    void patterns_substituteClientIdAndUserName_forEveryone() throws IOException {
        AclAuthorizer a = acl("""
                pattern write devices/%c/status
                pattern read users/%u/#
                pattern deny devices/%c/locked
                """);
        assertThat(a.canPublish("dev1", null, "devices/dev1/status")).isTrue();
        assertThat(a.canPublish("dev1", null, "devices/dev2/status")).isFalse();
        assertThat(sub(a, "alice", "users/alice/inbox")).isTrue();
        assertThat(sub(a, null, "users/%u/inbox")).as("no user name: %u rules do not apply").isFalse();
        assertThat(a.canPublish("a/b", null, "devices/a/b/status")).as("a client id with / is not substituted")
                .isFalse();
        assertThat(a.canPublish("dev1", null, "devices/dev1/locked")).isFalse();
    }

    @Test
    void badFile_namesLine() throws IOException {
        assertThatThrownBy(() -> acl("user a\ntopic read a/#/b\n")).isInstanceOf(SecurityFileException.class)
                .hasMessageContaining("acl:2:").hasMessageContaining("#");
        assertThatThrownBy(() -> acl("topik read x\n")).hasMessageContaining("acl:1:")
                .hasMessageContaining("unknown keyword");
        assertThatThrownBy(() -> new AclAuthorizer(dir.resolve("missing"))).isInstanceOf(SecurityFileException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void reload_takesNewRules_keepsOldOnesIfTheNewFileIsBroken() throws IOException {
        Path f = dir.resolve("acl");
        Files.writeString(f, "user a\ntopic write x\n");
        AclAuthorizer a = new AclAuthorizer(f);
        assertThat(a.canPublish("c", "a", "x")).isTrue();
        Files.writeString(f, "user a\ntopic write y\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        a.refresh();
        assertThat(a.canPublish("c", "a", "x")).isFalse();
        assertThat(a.canPublish("c", "a", "y")).isTrue();
        Files.writeString(f, "user a\ntopic write y/#/z\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        a.refresh();
        assertThat(a.canPublish("c", "a", "y")).as("broken file: previous rules stay").isTrue();
    }

    private static boolean sub(AclAuthorizer a, String user, String filter) {
        return a.canSubscribe("c", user, new TopicFilter(filter));
    }
}
