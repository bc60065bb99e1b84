package uk.lhs.jobs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import uk.lhs.common.config.BuildInfo;
import uk.lhs.jobs.Stages;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.pipeline.Stage;

/**
 * {@code lhs}: the command line of LHS Lakehouse. Every command takes {@code --config}, {@code --conf},
 * {@code --lakehouse} and {@code --help}; errors end with one line on stderr and a non-zero exit.
 */
@Command(
        name = "lhs",
        mixinStandardHelpOptions = true,
        versionProvider = LhsCli.Version.class,
        description = "LHS Lakehouse: NHS improvement indicators, SPC and intervention evaluation on Spark + Delta.",
        subcommands = {
            GenerateCommand.class,
            RunCommand.class,
            DemoCommand.class,
            SqlCommand.class,
            ConfigCommand.class,
            SpcCsvCommand.class,
            MetaCsvCommand.class,
            DidCsvCommand.class,
            ReportCommand.class,
            DictionaryCommand.class,
            ServeCommand.class
        })
public final class LhsCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with one sub-command per pipeline stage. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LhsCli());
        for (Stage stage : Stages.all()) {
            CommandLine sub = new CommandLine(new StageCommand(stage));
            sub.getCommandSpec().usageMessage().description(stage.description());
            cli.addSubcommand(stage.name(), sub);
        }
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            err.println("lhs " + cmd.getCommandName() + ": " + Pipeline.oneLine(ex));
            if (CommonOptions.verboseErrors) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** Version from the build stamp. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.load();
            return new String[] {"LHS Lakehouse " + b.version() + " (commit " + b.gitCommit() + ")"};
        }
    }
}
