package uk.lhs.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/** The scheduled run end to end on a small generated sample: every stage, twice. */
class PipelineEndToEndTest {
  @TempDir
  static Path dir;
  static JobContext ctx;

  @BeforeAll
  static void generate() {
    Path landing = dir.resolve("landing");
    SyntheticGenerator.generate(new GeneratorOptions(7, 14, 12, YearMonth.of(2025, 3), 3_000, 1_000_000,
        SharedData.repoRoot().resolve("conf/schemas/spell.avsc")), landing);
    LhsConfig config = SharedSpark.config(dir.resolve("lakehouse"))
        .with("landing", landing.toString())
        .with("reference-dir", SharedData.repoRoot().resolve("conf/reference").toString())
        .with("indicators-dir", SharedData.repoRoot().resolve("conf/indicators").toString())
        .with("interventions", SharedData.repoRoot().resolve("conf/interventions.yaml").toString());
    ctx = JobContext.around(config, SharedSpark.session(), Clock.systemUTC());
  }

  private static Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (TableContract t : Tables.all()) {
      if (ctx.lakehouse().exists(t) && t != Tables.PIPELINE_RUNS) {
        counts.put(t.qualifiedName(), ctx.lakehouse().read(t).count());
      }
    }
    return counts;
  }

  @Test
  void runTwiceChangesNoRowCountAndAddsRunRecords() {
    PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Pipeline.run(ctx, Stages.all(), null, console);
    Map<String, Long> first = rowCounts();
    long runsAfterFirst = ctx.lakehouse().read(Tables.PIPELINE_RUNS).count();
    assertEquals(Stages.all().size(), runsAfterFirst, "one record per stage");
    assertEquals(runsAfterFirst, ctx.lakehouse().read(Tables.PIPELINE_RUNS).filter("status = 'succeeded'").count());
    for (Map.Entry<String, Long> e : first.entrySet()) {
      if (!e.getKey().equals("silver.quarantine") && !e.getKey().equals("gold.data_quality")) {
        assertTrue(e.getValue() > 0, e.getKey() + " is empty");
      }
    }
    // The generator injects a few malformed rows: each must be quarantined, not lost.
    assertTrue(first.get("silver.quarantine") > 0, "injected defects quarantined");

    Pipeline.run(ctx, Stages.all(), null, console);
    assertEquals(first, rowCounts(), "a re-run with the same inputs changes no table's row count");
    assertEquals(2L * Stages.all().size(), ctx.lakehouse().read(Tables.PIPELINE_RUNS).count());
    // Every succeeded stage recorded the commit, config hash and table versions it wrote.
    assertEquals(0, ctx.lakehouse().read(Tables.PIPELINE_RUNS)
        .filter("config_hash IS NULL OR git_commit IS NULL OR ended_at IS NULL").count());
  }
}
