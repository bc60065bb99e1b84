import java.time.Clock;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.jobs.indicators.SpellMeasuresStep;
import uk.lhs.jobs.ingest.SpellsIngest;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * Times the spell ingest or the spell-measures step inside one JVM (Spark start-up excluded), run by
 * bench/spells-bench.sh in Java's source-file mode. Arguments: ingest|measures LAKEHOUSE LANDING MASTER.
 */
public final class SpellsBench {
  public static void main(String[] args) {
    String mode = args[0];
    LhsConfig config = LhsConfig.defaults().with("lakehouse", args[1]).with("landing", args[2])
        .with("spark.default-master", args[3]);
    JobContext ctx = JobContext.create(config);
    ctx.spark().sparkContext().setLogLevel("WARN");
    StageOutput out = new StageOutput("bench-" + mode + "-" + System.currentTimeMillis());
    long t0 = System.nanoTime();
    if (mode.equals("ingest")) {
      SpellsIngest.run(ctx, out);
    } else {
      SpellMeasuresStep.run(ctx, null, out);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.messages().forEach(m -> System.out.println("  " + m));
    out.writes().forEach(w -> System.out.println("  wrote " + w));
    long silver = ctx.lakehouse().read(SpellTables.SILVER_SPELLS).count();
    long bronze = ctx.lakehouse().read(SpellTables.BRONZE_SPELLS).count();
    System.out.printf("%s: %.1f s; bronze.spells %d rows, silver.spells %d rows; %.0f bronze rows/s%n", mode,
        seconds, bronze, silver, bronze / seconds);
    ctx.spark().stop();
  }
}
