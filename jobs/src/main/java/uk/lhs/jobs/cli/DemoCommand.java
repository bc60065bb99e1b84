package uk.lhs.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.Stages;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/** The newcomer's first command: sample data, a full run on local Spark, and where to look next. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Generate the default synthetic sample (if absent), run the whole pipeline on local Spark into"
                + " the lakehouse, and print what was written and where to look next.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    LandingOption landingOption;

    @Override
    public Integer call() {
        LhsConfig config = landingOption.load(common);
        Path landing = config.landing();
        // A folder named with --landing is used as it is (real files need no MANIFEST.csv); only the default is filled.
        boolean given = landingOption.landing != null && Files.isDirectory(landing);
        if (!given && (!Files.isDirectory(landing) || !Files.exists(landing.resolve("MANIFEST.csv")))) {
            System.out.println("generating the default synthetic sample into " + landing + " ...");
            GenerateCommand.generate(GeneratorOptions.defaults(), landing);
        } else {
            System.out.println("using the sample already in " + landing);
        }
        JobContext ctx = JobContext.create(config);
        Pipeline.run(ctx, Stages.all(), null, System.out);
        System.out.println();
        System.out.printf("%-34s %10s %8s%n", "table", "rows", "version");
        for (TableContract t : Tables.all()) {
            if (ctx.lakehouse().exists(t)) {
                System.out.printf(
                        "%-34s %10d %8d%n",
                        t.qualifiedName(),
                        ctx.lakehouse().read(t).count(),
                        ctx.lakehouse().currentVersion(t));
            }
        }
        System.out.println();
        System.out.println("Tables are Delta folders under " + ctx.lakehouse().root() + ". Next:");
        System.out.println(
                "  bin/lhs sql \"SELECT stage, status, started_at FROM gold.pipeline_runs ORDER BY started_at\"");
        System.out.println("  bin/lhs sql \"SELECT * FROM gold.data_quality WHERE NOT passed\"");
        System.out.println("  bin/lhs sql \"SELECT * FROM silver.quarantine\"");
        System.out.println("  README.md explains every table; run 'bin/lhs --help' for all commands.");
        return 0;
    }
}
