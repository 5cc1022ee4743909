package dev.wren.cli;

import dev.wren.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wren} command: {@code broker}, {@code pub}, {@code sub}, {@code bench} and {@code passwd}.
 *
 * <p>Exit codes: 0 success, 1 a protocol-level failure (refused connection, rejected
 * publish, timeout), 2 a usage or configuration error (see {@link ExitCodes}).
 */
@Command(
        name = "wren",
        versionProvider = WrenVersion.class,
        description = "Wren MQTT broker, client and load generator.",
        subcommands = {BrokerCommand.class, PubCommand.class, SubCommand.class, BenchCommand.class,
            PasswdCommand.class},
        usageHelpAutoWidth = true)
public final class Main implements Runnable {

    @CommandLine.Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
    boolean versionRequested;

    @CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: broker, pub, sub, bench or passwd");
    }

    /** Builds the command line with Wren's exit-code and error-message conventions. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Main::onBadParameters);
        cl.setExecutionExceptionHandler(Main::onExecutionException);
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    private static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println("wren: " + e.getMessage());
        cl.getErr().println("Try 'wren " + qualifiedName(cl) + "--help' for more information.");
        return ExitCodes.USAGE;
    }

    private static String qualifiedName(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.equals("wren") ? "" : name.substring("wren ".length()) + " ";
    }

    private static int onExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = Verbosity.isVerbose(parsed);
        if (e instanceof CliException ce) {
            cl.getErr().println("wren: " + ce.getMessage());
            if (verbose && ce.getCause() != null) {
                ce.getCause().printStackTrace(cl.getErr());
            }
            return ce.exitCode();
        }
        cl.getErr().println("wren: unexpected error: " + e + " (run with --verbose for details)");
        if (verbose) {
            e.printStackTrace(cl.getErr());
        }
        return ExitCodes.FAILURE;
    }
}
