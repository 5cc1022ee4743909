package dev.wren.cli;

import picocli.CommandLine;

/** Finds out whether {@code --verbose} was given anywhere on the command line. */
final class Verbosity {
    private Verbosity() {}

    static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
