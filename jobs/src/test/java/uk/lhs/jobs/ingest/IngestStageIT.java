package uk.lhs.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.text.CsvLine;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * The ingest stage on real NHS England files: reconciliation with the files, idempotent re-ingest, a revised month
 * replacing the earlier vintage (with Delta history keeping both), and an unreadable file that loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestStageIT {
    @TempDir
    static Path dir;

    static Path landing;
    static JobContext ctx;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @BeforeAll
    static void setUp() throws Exception {
        landing = Files.createDirectories(dir.resolve("landing"));
        Files.copy(
                SharedData.path("data/ae_monthly_provider/Monthly-AE-2024-09.csv"),
                landing.resolve("Monthly-AE-2024-09.csv"));
        Files.copy(
                SharedData.path("data/ae_monthly_provider/Monthly-AE-2024-10.csv"),
                landing.resolve("Monthly-AE-2024-10.csv"));
        Files.copy(
                SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-06.csv"),
                landing.resolve("RTT-Incomplete-Provider-2024-06.csv"));
        ctx = JobContext.around(
                SharedSpark.config(dir.resolve("lakehouse"))
                        .with("landing", landing.toString())
                        .with(
                                "reference-dir",
                                SharedData.repoRoot().resolve("conf/reference").toString()),
                SharedSpark.session(),
                Clock.systemUTC());
    }

    static void ingest() {
        Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET);
    }

    @Test
    @Order(1)
    void realFilesReconcileWithTheirTotals() throws Exception {
        ingest();
        // 198 + 199 rows per file incl. one TOTAL row each (kept as a control, not an organisation).
        assertEquals(197 + 198, ctx.lakehouse().read(IngestTables.AE_MONTHLY).count());
        assertEquals(
                3744, ctx.lakehouse().readOrEmpty(IngestTables.RTT_INCOMPLETE).count());
        assertEquals(0, ctx.lakehouse().readOrEmpty(IngestTables.QUARANTINE).count());
        assertEquals(
                2,
                ctx.lakehouse()
                        .read(IngestTables.DATA_QUALITY)
                        .filter("check_id = 'ae_total_reconciles' AND subject = 'all measures' AND passed")
                        .count());
        // England type 1 attendances, Sep 2024, from the file's TOTAL row: the sum over providers equals it.
        Row total = ctx.lakehouse()
                .read(IngestTables.AE_MONTHLY)
                .filter("period_start = DATE'2024-09-01'")
                .agg(org.apache.spark.sql.functions.sum("att_type1"))
                .first();
        assertEquals(totalRowValue("Monthly-AE-2024-09.csv", 4), total.getLong(0));
        // Codes no reference list knows are kept and flagged, never dropped.
        long unmapped = ctx.lakehouse()
                .read(IngestTables.AE_MONTHLY)
                .filter("system_code = 'unmapped'")
                .count();
        assertTrue(unmapped > 0);
        assertTrue(ctx.lakehouse()
                        .read(IngestTables.DATA_QUALITY)
                        .filter("check_id = 'org_unmapped'")
                        .count()
                > 0);
        assertEquals(
                3,
                ctx.lakehouse()
                        .read(IngestTables.FILES)
                        .filter("status = 'loaded'")
                        .count());
    }

    @Test
    @Order(2)
    void ingestingTheSameFolderAgainChangesNothing() {
        long aeVersion = ctx.lakehouse().currentVersion(IngestTables.AE_MONTHLY);
        long bronzeRows = ctx.lakehouse().read(IngestTables.PUBLICATION_ROWS).count();
        ingest();
        assertEquals(aeVersion, ctx.lakehouse().currentVersion(IngestTables.AE_MONTHLY), "no new A&E commit");
        assertEquals(
                bronzeRows, ctx.lakehouse().read(IngestTables.PUBLICATION_ROWS).count());
    }

    @Test
    @Order(3)
    void aRevisedMonthReplacesTheEarlierVintage() throws Exception {
        // NHS England re-publishes Sep 2024 with one provider removed and one count revised.
        List<String> lines = Files.readAllLines(landing.resolve("Monthly-AE-2024-09.csv"), StandardCharsets.UTF_8);
        String dropped = CsvLine.split(lines.get(2)).get(1);
        lines.remove(2);
        Files.write(dir.resolve("Monthly-AE-2024-09-revised.csv"), lines, StandardCharsets.UTF_8);
        Files.move(dir.resolve("Monthly-AE-2024-09-revised.csv"), landing.resolve("Monthly-AE-2024-09-revised.csv"));
        long before = ctx.lakehouse().currentVersion(IngestTables.AE_MONTHLY);
        ingest();
        assertEquals(196 + 198, ctx.lakehouse().read(IngestTables.AE_MONTHLY).count());
        assertEquals(
                0,
                ctx.lakehouse()
                        .read(IngestTables.AE_MONTHLY)
                        .filter("org_code = '" + dropped + "' AND period_start = DATE'2024-09-01'")
                        .count());
        // Delta history keeps the earlier vintage.
        assertEquals(
                1,
                ctx.lakehouse()
                        .readVersion(IngestTables.AE_MONTHLY, before)
                        .filter("org_code = '" + dropped + "' AND period_start = DATE'2024-09-01'")
                        .count());
        long commits = ctx.spark()
                .sql("DESCRIBE HISTORY delta.`" + ctx.lakehouse().location(IngestTables.AE_MONTHLY) + "`")
                .filter("operation IN ('WRITE', 'MERGE')") // the first vintage is a plain write into the new table
                .count();
        assertTrue(commits >= 2, "both vintages are in the history");
        // The October data was untouched.
        assertEquals(
                198,
                ctx.lakehouse()
                        .read(IngestTables.AE_MONTHLY)
                        .filter("period_start = DATE'2024-10-01'")
                        .count());
    }

    @Test
    @Order(4)
    void anUnreadableFileFailsTheStageButLosesNothing() throws Exception {
        long aeRows = ctx.lakehouse().read(IngestTables.AE_MONTHLY).count();
        Files.write(landing.resolve("garbage.csv"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0, 7});
        Pipeline.StageFailed e = assertThrows(Pipeline.StageFailed.class, IngestStageIT::ingest);
        assertTrue(e.getMessage().contains("garbage.csv"), e.getMessage());
        assertEquals(aeRows, ctx.lakehouse().read(IngestTables.AE_MONTHLY).count(), "nothing already written is lost");
        assertEquals(
                1,
                ctx.lakehouse()
                        .read(IngestTables.FILES)
                        .filter("status = 'rejected'")
                        .count());
        assertEquals(
                1,
                ctx.lakehouse()
                        .readOrEmpty(IngestTables.QUARANTINE)
                        .filter("source_file = 'garbage.csv'")
                        .count());
        assertEquals(
                1,
                uk.lhs.common.lakehouse.RunRecorder.latest(
                                ctx.lakehouse().read(uk.lhs.common.tables.Tables.PIPELINE_RUNS))
                        .filter("status = 'failed' AND error LIKE '%garbage.csv%'")
                        .count());
    }

    private static long totalRowValue(String file, int column) throws Exception {
        for (String line : Files.readAllLines(landing.resolve(file), StandardCharsets.UTF_8)) {
            List<String> cells = CsvLine.split(line);
            if (cells.size() > column && cells.get(1).trim().equalsIgnoreCase("total")) {
                return Long.parseLong(cells.get(column).trim());
            }
        }
        throw new AssertionError("no TOTAL row in " + file);
    }
}
