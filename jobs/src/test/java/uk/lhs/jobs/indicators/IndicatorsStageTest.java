package uk.lhs.jobs.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.WriteResult;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.ingest.IngestStage;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/** The stage on one real A&E month and one real RTT month, ingested by the ingest stage into a fresh lakehouse. */
class IndicatorsStageTest {
  static JobContext ctx;

  @BeforeAll
  static void ingest() throws Exception {
    Path lakehouse = SharedSpark.newLakehouse("indicators-stage");
    Path landing = Files.createDirectories(lakehouse.resolve("landing"));
    Files.copy(SharedData.path("data/ae_monthly_provider/Monthly-AE-2024-04.csv"),
        landing.resolve("Monthly-AE-2024-04.csv"));
    Files.copy(SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-04.csv"),
        landing.resolve("RTT-Incomplete-Provider-2024-04.csv"));
    Path repo = SharedData.repoRoot();
    LhsConfig config = SharedSpark.config(lakehouse.resolve("tables"))
        .with("landing", landing.toString())
        .with("reference-dir", repo.resolve("conf/reference").toString())
        .with("indicators-dir", repo.resolve("conf/indicators").toString());
    ctx = JobContext.around(config, SharedSpark.session(),
        Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));
    new IngestStage().run(ctx, null, new StageOutput("ingest-run"));
  }

  @Test
  void writesTheThreeGoldTablesAndReRunsChangeNothing() {
    StageOutput first = new StageOutput("run-1");
    new IndicatorsStage().run(ctx, null, first);
    assertEquals(3, first.writes().size());
    long values = ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES).count();
    assertEquals(values, first.writes().get(0).rowsInserted());
    assertEquals(values, ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES_PUBLISHED).count());
    Row eng = ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES)
        .where("indicator_id = 'ae_4hr_all' AND org_level = 'england'").first();
    assertEquals("ENG", eng.getAs("org_code"));
    assertEquals("run-1", eng.getAs("run_id"));
    assertEquals(0.95, eng.<Double>getAs("target"));
    assertTrue(ctx.lakehouse().read(IndicatorTables.FUNNEL_POINTS).where("indicator_id = 'rtt_18wk'").count()
        > 100);
    assertEquals(0, ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES)
        .where("org_level = 'system' AND org_code = 'unmapped' AND indicator_id = 'rtt_waiting_list'"
            + " AND denominator IS NOT NULL").count(), "counts have no denominator");

    for (String period : new String[] {null, "2024-04"}) {
      StageOutput again = new StageOutput("run-2");
      new IndicatorsStage().run(ctx, period, again);
      for (WriteResult w : again.writes()) {
        assertEquals(0, w.rowsInserted(), w.table() + " " + period);
        assertEquals(0, w.rowsUpdated(), w.table() + " " + period);
      }
    }
    assertEquals("run-1", ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES)
        .where("indicator_id = 'ae_4hr_all' AND org_level = 'england'").first().getAs("run_id"),
        "unchanged rows keep the run that computed them");
  }

  @Test
  void anInvalidCatalogStopsTheStageBeforeAnyWrite() throws Exception {
    Path bad = Files.createTempDirectory("bad-catalog");
    Files.writeString(bad.resolve("x.yaml"), "indicators:\n  - id: x\n    dataset: nowhere\n");
    JobContext badCtx = JobContext.around(ctx.config().with("indicators-dir", bad.toString()), ctx.spark(),
        ctx.clock());
    StageOutput out = new StageOutput("run-bad");
    Exception e = assertThrows(Exception.class, () -> new IndicatorsStage().run(badCtx, null, out));
    assertTrue(e.getMessage().contains("x.yaml: entry 'x': unknown dataset 'nowhere'"), e.getMessage());
    assertTrue(out.writes().isEmpty());
  }
}
