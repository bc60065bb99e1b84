package uk.lhs.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;
import uk.lhs.common.config.LhsConfig;

/** Options every command takes: where the configuration and the lakehouse are, and how talkative to be. */
public final class CommonOptions {
    static volatile boolean verboseErrors;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (HOCON). Default: conf/local.conf when present, else built-in defaults.")
    Path config;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "Override one configuration key (repeatable), e.g. --conf spark.shuffle-partitions=16.")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--lakehouse",
            paramLabel = "DIR",
            description = "Where the Delta tables live (overrides lhs.lakehouse). Default: ./lakehouse.")
    String lakehouse;

    @Option(
            names = {"-v", "--verbose"},
            description =
                    "Show Spark's own logging, full stack traces on error, and each stage's cost (Spark jobs, tasks,"
                            + " Delta commits) and why it ran.")
    void verbose(boolean on) {
        verboseErrors = on;
        verbose = on;
    }

    private boolean verbose;

    /** Whether -v/--verbose was given. */
    boolean verbose() {
        return verbose;
    }

    /** Loads the configuration with this command's overrides applied. */
    public LhsConfig load() {
        Path file = config;
        if (file == null && java.nio.file.Files.isRegularFile(Path.of("conf/local.conf"))) {
            file = Path.of("conf/local.conf");
        }
        List<String> all = new ArrayList<>(overrides);
        if (lakehouse != null) {
            all.add("lhs.lakehouse=\"" + lakehouse.replace("\"", "\\\"") + "\"");
        }
        quietLogs();
        return LhsConfig.load(file, all);
    }

    /** Spark logs at INFO by default; the CLI shows warnings only unless --verbose. */
    void quietLogs() {
        Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
        if (!verbose) {
            // Known-harmless start-up warnings on a laptop.
            Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
            Configurator.setLevel("org.apache.spark.util.Utils", Level.ERROR);
            Configurator.setLevel("org.apache.spark.sql.catalyst.util.SparkStringUtils", Level.ERROR);
            Configurator.setLevel("org.apache.spark.sql.internal.SharedState", Level.ERROR);
        }
    }
}
