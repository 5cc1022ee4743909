package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher and the top-level command, run as a process. */
class LauncherIT {
    @Test
    void version_printsVersionAndExitsZero() {
        Launcher.Result r = Launcher.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("Wren " + System.getProperty("wren.version"));
    }

    @Test
    void noSubcommand_exitsTwoWithHint() {
        Launcher.Result r = Launcher.run();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("missing subcommand").contains("--help");
    }

    @Test
    void unknownOption_exitsTwoWithoutStackTrace() {
        Launcher.Result r = Launcher.run("pub", "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("wren: ").doesNotContain("\tat ");
    }

    @Test
    void help_listsEverySubcommand() {
        Launcher.Result r = Launcher.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("broker", "pub", "sub", "bench");
    }
}
