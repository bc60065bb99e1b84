package uk.lhs.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.LakehouseLease;
import uk.lhs.common.lakehouse.RunRecorder;
import uk.lhs.common.lakehouse.RunSnapshot;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.spc.SpcStage;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * The scheduled run end to end on the small generated sample: every stage; every stage again with nothing new (all up
 * to date, nothing committed); with a new landed file and an edited register (only the stages that depend on them
 * run); and one stage with --force.
 */
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
    void reRunsSkipWhatIsUpToDateAndRecomputeWhatChanged() throws IOException {
        // The first run is the shared demo lakehouse's; the second runs on a copy of it.
        DemoLakehouse demo = DemoLakehouse.get();
        JobContext ctx = demo.copyTo(dir);
        Map<String, Long> first = rowCounts(ctx);
        Dataset<Row> records = RunRecorder.latest(ctx.lakehouse().read(Tables.PIPELINE_RUNS));
        assertEquals(Stages.all().size(), records.count(), "one latest record per stage");
        assertEquals(Stages.all().size(), records.filter("status = 'succeeded'").count());
        assertEquals(
                0,
                records.filter("spark_jobs IS NULL OR delta_commits IS NULL OR files_used IS NULL")
                        .count(),
                "every stage recorded its cost and files");
        assertEquals(
                0,
                records.filter("stage IN ('indicators', 'spc', 'evaluate') AND size(tables_read) = 0")
                        .count(),
                "the stages that read tables recorded their versions");
        for (Map.Entry<String, Long> e : first.entrySet()) {
            // The generator writes no ICB-level A&E files, so silver.ae_system_monthly may be empty; one run lands one
            // vintage of each month, so nothing has been revised yet (RevisionsIT covers revisions).
            if (!e.getKey().equals("silver.quarantine")
                    && !e.getKey().equals("gold.data_quality")
                    && !e.getKey().equals("silver.ae_system_monthly")
                    && !e.getKey().startsWith("gold.revisions")) {
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

        // A re-run with nothing new: every stage up to date, no commit but the run records.
        Map<String, Long> versions = versions(ctx);
        long rows = ctx.lakehouse().read(Tables.PIPELINE_RUNS).count();
        long runsVersion = ctx.lakehouse().currentVersion(Tables.PIPELINE_RUNS);
        String leases = ctx.lakehouse().root() + "/" + LakehouseLease.TABLE_DIR;
        long leaseVersion = Lakehouse.logVersion(ctx.spark(), leases);
        List<Pipeline.StageResult> again = Pipeline.run(ctx, Stages.all(), null, DemoLakehouse.quiet());
        assertTrue(again.stream().allMatch(Pipeline.StageResult::upToDate), "every stage up to date: " + again);
        assertEquals(
                0,
                again.stream().mapToLong(r -> r.cost().deltaCommits()).sum(),
                "no Delta commit besides the run records");
        assertEquals(versions, versions(ctx), "no table but gold.pipeline_runs got a new version");
        assertEquals(
                runsVersion + 1,
                ctx.lakehouse().currentVersion(Tables.PIPELINE_RUNS),
                "the up-to-date stages recorded in one append");
        assertEquals(leaseVersion, Lakehouse.logVersion(ctx.spark(), leases), "no lease taken when nothing is new");
        RunSnapshot skipped = ctx.lakehouse().asOfRun(RunSnapshot.LATEST);
        assertEquals("succeeded", skipped.status());
        assertEquals(java.util.Set.of(), skipped.writtenByRun(), "an up-to-date run wrote nothing");
        assertEquals(first, rowCounts(ctx), "a re-run with the same inputs changes no table's row count");
        assertEquals(
                rows + Stages.all().size(),
                ctx.lakehouse().read(Tables.PIPELINE_RUNS).count(),
                "one run record per up-to-date stage");
        assertEquals(
                0,
                ctx.lakehouse()
                        .read(Tables.PIPELINE_RUNS)
                        .filter(
                                "config_hash IS NULL OR git_commit IS NULL OR (ended_at IS NULL AND status <> 'running')")
                        .count());

        // A new landed file re-runs ingest; an edited register re-runs evaluate; what lies between is up to date.
        // (The new file is a publication sent again: ingest reads the listing, finds it known, and adds no row.)
        Files.copy(
                dir.resolve("landing/ae/Monthly-AE-2024-04.csv"),
                Files.createDirectories(dir.resolve("landing/resent")).resolve("Monthly-AE-2024-04.csv"));
        Path register = dir.resolve("landing/interventions.yaml");
        Files.writeString(register, Files.readString(register) + "\n# reviewed\n");
        Map<String, Long> beforeResent = versions(ctx);
        Map<String, Boolean> upToDate = new LinkedHashMap<>();
        for (Pipeline.StageResult r : Pipeline.run(ctx, Stages.all(), null, DemoLakehouse.quiet())) {
            upToDate.put(r.stage(), r.upToDate());
        }
        Map<String, Long> changed = new java.util.TreeMap<>(versions(ctx));
        changed.entrySet().removeIf(e -> e.getValue().equals(beforeResent.get(e.getKey())));
        String seen = upToDate + ", tables with a new version: " + changed;
        assertEquals(false, upToDate.get("ingest"), "a new landed file re-runs ingest: " + seen);
        assertEquals(true, upToDate.get("indicators"), "the known file added no row: " + seen);
        assertEquals(true, upToDate.get("spc"), seen);
        assertEquals(false, upToDate.get("evaluate"), "an edited register re-runs evaluate: " + seen);

        // --force recomputes a stage that is up to date.
        Pipeline.StageResult forced = Pipeline.run(
                        ctx, List.of(new SpcStage()), null, DemoLakehouse.quiet(), new Pipeline.Options(true, false))
                .get(0);
        assertFalse(forced.upToDate());
        assertTrue(forced.cost().jobs() > 0, "SPC recomputed: " + forced.cost());
        assertEquals(first, rowCounts(ctx), "no table's row count changed");
    }

    private static Map<String, Long> versions(JobContext ctx) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (TableContract t : Tables.all()) {
            if (t != Tables.PIPELINE_RUNS) {
                versions.put(t.qualifiedName(), ctx.lakehouse().currentVersion(t));
            }
        }
        return versions;
    }
}
