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
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.vocab.Cols;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * Issue #18's bad input on the ingest, with real NHS England files copied to a temp landing folder (and altered): a
 * {@code --period} run loses no month, a file over the size cap is rejected with its reason and loads once the cap
 * allows, symbolic links are skipped, and an RTT file whose name names two months is rejected naming the pattern. Each
 * case: a one-line message naming the file, nothing already written lost, and a re-run that converges.
 */
class IngestBadInputIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private static final List<String> AE = List.of("2024-04", "2024-05", "2024-06");

    @TempDir
    Path dir;

    private Path landing(String name) throws Exception {
        Path landing = dir.resolve(name).resolve("landing");
        Files.createDirectories(landing);
        return landing;
    }

    private static void copyAe(Path landing, String month) throws Exception {
        String f = "Monthly-AE-" + month + ".csv";
        Files.copy(SharedData.path("data/ae_monthly_provider/" + f), landing.resolve(f));
    }

    private JobContext context(String name, Path landing, Map<String, Object> settings) {
        LhsConfig config = SharedSpark.config(dir.resolve(name).resolve("lakehouse"))
                .with("landing", landing.toString())
                .with(
                        "reference-dir",
                        SharedData.repoRoot().resolve("conf/reference").toString());
        for (Map.Entry<String, Object> s : settings.entrySet()) {
            config = config.with(s.getKey(), s.getValue());
        }
        return JobContext.around(config, SharedSpark.session(), Clock.systemUTC());
    }

    private static void ingest(JobContext ctx, String period) {
        Pipeline.run(ctx, List.of(new IngestStage()), period, QUIET);
    }

    /** Rows of silver.ae_monthly per month. */
    private static Map<String, Long> aeRowsByMonth(JobContext ctx) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : ctx.lakehouse()
                .read(IngestTables.AE_MONTHLY)
                .groupBy(Cols.PERIOD_START)
                .count()
                .collectAsList()) {
            out.put(r.get(0).toString().substring(0, 7), r.getLong(1));
        }
        return out;
    }

    private static List<Row> files(JobContext ctx) {
        return ctx.lakehouse()
                .read(IngestTables.FILES)
                .select("source_file", "status", "message")
                .collectAsList();
    }

    /** Issue #18, "Done when": an ingest --period of one month then a plain ingest leaves every month in silver. */
    @Test
    void aPeriodRunThenAPlainRunLeavesEveryMonthsRowsInSilver() throws Exception {
        Path landing = landing("period");
        for (String m : AE) {
            copyAe(landing, m);
        }
        JobContext ctx = context("period", landing, Map.of());
        ingest(ctx, "2024-05");
        Map<String, Long> afterPeriod = aeRowsByMonth(ctx);
        assertEquals(AE, List.copyOf(afterPeriod.keySet()), "every month of every new file is loaded");
        afterPeriod.values().forEach(n -> assertTrue(n > 150, "a whole month of trusts: " + afterPeriod));
        ingest(ctx, null);
        assertEquals(afterPeriod, aeRowsByMonth(ctx), "the plain run converges on the same rows");
        assertEquals(3, files(ctx).size());
        files(ctx).forEach(r -> assertEquals("loaded", r.getString(1)));
    }

    @Test
    void aFileOverTheSizeCapIsRejectedWithItsReasonAndLoadsOnceTheCapAllowsIt() throws Exception {
        Path landing = landing("cap");
        copyAe(landing, "2024-04");
        JobContext first = context("cap", landing, Map.of());
        ingest(first, null);
        Map<String, Long> april = aeRowsByMonth(first);
        copyAe(landing, "2024-05");
        long size = Files.size(landing.resolve("Monthly-AE-2024-05.csv"));
        long cap = size - 1;
        JobContext capped = context("cap", landing, Map.of("ingest.max-file-bytes", cap));

        Exception e = assertThrows(Exception.class, () -> ingest(capped, null));
        String message = e.getMessage();
        assertTrue(
                message.contains("Monthly-AE-2024-05.csv") && message.contains("lhs.ingest.max-file-bytes"), message);
        assertTrue(!message.contains("\n"), "one line: " + message);
        Row rejected = files(capped).stream()
                .filter(r -> r.getString(0).endsWith("2024-05.csv"))
                .findFirst()
                .orElseThrow();
        assertEquals("rejected", rejected.getString(1));
        assertTrue(rejected.getString(2).contains("too large: " + size + " bytes"), rejected.getString(2));
        assertEquals(april, aeRowsByMonth(capped), "nothing already loaded is lost");

        ingest(capped, null); // a re-run converges: the rejected file is known and not retried while still too large
        assertEquals(2, files(capped).size());
        assertEquals(april, aeRowsByMonth(capped));

        JobContext raised = context("cap", landing, Map.of());
        ingest(raised, null);
        assertEquals(
                List.of("2024-04", "2024-05"), List.copyOf(aeRowsByMonth(raised).keySet()));
        List<Row> recorded = files(raised);
        assertEquals(2, recorded.size(), "the rejection's record is replaced, not duplicated: " + recorded);
        recorded.forEach(r -> assertEquals("loaded", r.getString(1)));
    }

    @Test
    void symbolicLinksAreNotFollowedAndALoopDoesNotRecurse() throws Exception {
        Path landing = landing("links");
        copyAe(landing, "2024-04");
        Path elsewhere = Files.createDirectories(dir.resolve("links").resolve("elsewhere"));
        copyAe(elsewhere, "2024-05");
        Files.createSymbolicLink(
                landing.resolve("Monthly-AE-2024-05.csv"), elsewhere.resolve("Monthly-AE-2024-05.csv"));
        Files.createSymbolicLink(landing.resolve("other"), elsewhere);
        Files.createSymbolicLink(landing.resolve("loop"), landing);
        JobContext ctx = context("links", landing, Map.of());
        ingest(ctx, null);
        assertEquals(List.of("2024-04"), List.copyOf(aeRowsByMonth(ctx).keySet()));
        assertEquals(1, files(ctx).size());
        ingest(ctx, null);
        assertEquals(1, files(ctx).size());
    }

    @Test
    void anRttFileWhoseNameNamesTwoMonthsIsRejectedNamingThePattern() throws Exception {
        Path landing = landing("names");
        copyAe(landing, "2024-04");
        JobContext ctx = context("names", landing, Map.of());
        ingest(ctx, null);
        Map<String, Long> before = aeRowsByMonth(ctx);
        String copied = "RTT-Incomplete-Provider-2024-06-copy-of-2024-05.csv";
        Files.copy(
                SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-06.csv"),
                landing.resolve(copied));
        Exception e = assertThrows(Exception.class, () -> ingest(ctx, null));
        assertTrue(
                e.getMessage().contains(copied) && e.getMessage().contains("RTT-Incomplete-Provider-YYYY-MM.csv"),
                e.getMessage());
        assertTrue(!ctx.lakehouse().exists(IngestTables.RTT_INCOMPLETE)
                || ctx.lakehouse().readOrEmpty(IngestTables.RTT_INCOMPLETE).isEmpty());
        assertEquals(before, aeRowsByMonth(ctx), "nothing already loaded is lost");
        ingest(ctx, null); // converges: the rejected file is recorded and not retried
        assertEquals(2, files(ctx).size());
    }
}
