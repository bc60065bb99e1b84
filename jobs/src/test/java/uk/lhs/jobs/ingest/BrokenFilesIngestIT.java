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
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * The corpus of deliberately broken files (common/src/test/resources/sources/broken, see its README) dropped into a
 * landing folder on top of real data: each file is either rejected with a one-line reason or loads with its bad rows
 * quarantined, and nothing already written is lost.
 */
class BrokenFilesIngestIT {
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void everyBrokenFileIsRejectedOrQuarantinedAndNothingIsLost(@TempDir Path dir) throws Exception {
        Path landing = Files.createDirectories(dir.resolve("landing"));
        Files.copy(
                SharedData.path("data/ae_monthly_provider/Monthly-AE-2024-04.csv"),
                landing.resolve("Monthly-AE-2024-04.csv"));
        JobContext ctx = JobContext.around(
                SharedSpark.config(dir.resolve("lakehouse"))
                        .with("landing", landing.toString())
                        .with(
                                "reference-dir",
                                SharedData.repoRoot().resolve("conf/reference").toString()),
                SharedSpark.session(),
                Clock.systemUTC());
        Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET);
        Set<String> before = orgsIn(ctx);
        assertEquals(197, before.size());

        Path corpus = SharedData.repoRoot().resolve("common/src/test/resources/sources/broken");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            // Organisation reference files would supersede the shipped reference; they are checked by the parser tests.
            files = s.filter(p -> p.toString().endsWith(".csv"))
                    .filter(p -> !p.getFileName().toString().startsWith("ods_")
                            && !p.getFileName().toString().startsWith("org_"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            Files.copy(f, landing.resolve(f.getFileName()));
        }
        Pipeline.StageFailed failed = assertThrows(
                Pipeline.StageFailed.class, () -> Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET));
        assertTrue(failed.getMessage().contains("could not be read at all"), failed.getMessage());

        // Nothing already written is lost: every April provider is still there (fragments never replace a month).
        assertTrue(orgsIn(ctx).containsAll(before), "earlier rows kept");
        // Every file is accounted for: rejected with a reason, or loaded (bad rows quarantined).
        Map<String, String> status = new TreeMap<>();
        for (Row r : ctx.lakehouse().read(IngestTables.FILES).collectAsList()) {
            status.put(Path.of(r.<String>getAs("source_file")).getFileName().toString(), r.getAs("status"));
        }
        for (Path f : files) {
            assertTrue(
                    status.containsKey(f.getFileName().toString()) || identicalContent(f, files),
                    "accounted for: " + f.getFileName());
        }
        Map<String, Long> quarantined = ctx
                .lakehouse()
                .readOrEmpty(IngestTables.QUARANTINE)
                .groupBy("source_file")
                .count()
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        for (Map.Entry<String, String> e : status.entrySet()) {
            if ("rejected".equals(e.getValue())) {
                assertEquals(1L, quarantined.getOrDefault(e.getKey(), 0L), "one file-level entry for " + e.getKey());
            }
        }
        for (String bad : List.of(
                "ae_text_in_count.csv",
                "ae_negative_count.csv",
                "ae_over4h_exceeds_attendances.csv",
                "ae_malformed_org_code.csv",
                "ae_duplicate_rows.csv",
                "ae_extra_column.csv",
                "rtt_within18_exceeds_total-2024-04.csv",
                "rtt_total_not_sum_of_bands-2024-04.csv")) {
            assertTrue(quarantined.getOrDefault(bad, 0L) >= 1, "quarantined rows of " + bad + ": " + quarantined);
        }
        for (String unreadable :
                List.of("empty.csv", "binary_garbage.csv", "blank_lines_only.csv", "ae_wrong_header.csv")) {
            assertEquals("rejected", status.get(unreadable), unreadable);
        }
        // A recognised file with no silver home is loaded to bronze only, not rejected.
        assertEquals("loaded", status.get("unrecognised_readmissions.csv"));
        // A well-formed code no reference knows is kept and flagged, never dropped.
        assertEquals(
                1,
                ctx.lakehouse()
                        .read(IngestTables.AE_MONTHLY)
                        .filter("org_code = 'ZZZ99'")
                        .count());
        assertTrue(ctx.lakehouse()
                        .read(IngestTables.DATA_QUALITY)
                        .filter("check_id = 'org_unmapped' AND subject = 'ZZZ99'")
                        .count()
                >= 1);
    }

    private static Set<String> orgsIn(JobContext ctx) {
        return ctx
                .lakehouse()
                .read(IngestTables.AE_MONTHLY)
                .filter("period_start = DATE'2024-04-01'")
                .select("org_code")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .collect(Collectors.toSet());
    }

    /** Two corpus files with the same bytes count once (the second is recognised by its hash and skipped). */
    private static boolean identicalContent(Path f, List<Path> all) throws Exception {
        byte[] b = Files.readAllBytes(f);
        for (Path o : all) {
            if (!o.equals(f) && java.util.Arrays.equals(b, Files.readAllBytes(o))) {
                return true;
            }
        }
        return false;
    }
}
