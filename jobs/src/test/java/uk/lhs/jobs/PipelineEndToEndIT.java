package uk.lhs.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.RegisterYaml;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.testing.DemoLakehouse;

/** The scheduled run end to end on the small generated sample: every stage, then every stage again. */
class PipelineEndToEndIT {
    @TempDir
    static Path dir;

    private static Map<String, Long> rowCounts(JobContext ctx) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableContract t : Tables.all()) {
            if (ctx.lakehouse().exists(t) && t != Tables.PIPELINE_RUNS) {
                counts.put(t.qualifiedName(), ctx.lakehouse().read(t).count());
            }
        }
        return counts;
    }

    @Test
    void runTwiceChangesNoRowCountAndAddsRunRecords() throws IOException {
        // The first run is the shared demo lakehouse's; the second runs on a copy of it.
        DemoLakehouse demo = DemoLakehouse.get();
        JobContext ctx = demo.copyTo(dir);
        Map<String, Long> first = rowCounts(ctx);
        long runsAfterFirst = ctx.lakehouse().read(Tables.PIPELINE_RUNS).count();
        assertEquals(Stages.all().size(), runsAfterFirst, "one record per stage");
        assertEquals(
                runsAfterFirst,
                ctx.lakehouse()
                        .read(Tables.PIPELINE_RUNS)
                        .filter("status = 'succeeded'")
                        .count());
        for (Map.Entry<String, Long> e : first.entrySet()) {
            // The generator writes no ICB-level A&E files, so silver.ae_system_monthly may be empty.
            if (!e.getKey().equals("silver.quarantine")
                    && !e.getKey().equals("gold.data_quality")
                    && !e.getKey().equals("silver.ae_system_monthly")) {
                assertTrue(e.getValue() > 0, e.getKey() + " is empty");
            }
        }
        // The generator injects a few malformed rows: each must be quarantined, not lost.
        assertTrue(first.get("silver.quarantine") > 0, "injected defects quarantined");
        // Every intervention in the generated register is evaluated, and every summary row carries its caveats.
        Set<String> registered = new TreeSet<>();
        for (Intervention i : RegisterYaml.parse(
                        Files.readString(demo.root().resolve("landing/interventions.yaml")), "demo")
                .entries()) {
            registered.add(i.id());
        }
        Dataset<Row> summaries =
                ctx.lakehouse().read(EvaluationTables.INTERVENTION_EFFECTS).filter("method = 'summary'");
        assertEquals(
                registered,
                new TreeSet<>(summaries
                        .select("intervention_id")
                        .distinct()
                        .as(Encoders.STRING())
                        .collectAsList()),
                "every demo intervention has effects");
        assertEquals(0, summaries.filter("caveats IS NULL OR size(caveats) = 0").count(), "every summary has caveats");

        Pipeline.run(ctx, Stages.all(), null, DemoLakehouse.quiet());
        assertEquals(first, rowCounts(ctx), "a re-run with the same inputs changes no table's row count");
        assertEquals(
                2L * Stages.all().size(),
                ctx.lakehouse().read(Tables.PIPELINE_RUNS).count());
        // Every succeeded stage recorded the commit, config hash and table versions it wrote.
        assertEquals(
                0,
                ctx.lakehouse()
                        .read(Tables.PIPELINE_RUNS)
                        .filter("config_hash IS NULL OR git_commit IS NULL OR ended_at IS NULL")
                        .count());
    }
}
