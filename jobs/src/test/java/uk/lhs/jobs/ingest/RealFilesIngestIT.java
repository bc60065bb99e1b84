package uk.lhs.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.aemonthly.AeMeasure;
import uk.lhs.common.sources.aemonthly.AeMonthlyProviderParser;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * The ingest stage over the real files of the shared data folder, landed as they are (sub-folders and all). Every
 * file must load (none rejected), its bronze rows must equal the rows read, and its rows must reconcile: silver rows
 * + quarantined rows + control (TOTAL) rows = rows read; for every A&E month the sum over providers in
 * silver.ae_monthly equals the file's TOTAL row in every measure. Files with no silver home (the 2002-03 anonymised
 * readmissions, the HES A&E and outpatient samples) are loaded to bronze with a message saying why; the artificial
 * HES APC sample goes through the spells path.
 *
 * <p>By default a representative subset runs: one file of each kind that IngestStageIT does not cover (an A&E
 * provider month, an ICB month, the readmissions table, the HES A&E and APC samples). {@code -Dlhs.ingest.allRealFiles=true} lands
 * every file of the folder (all 12 A&E months, 22 ICB months, 6 RTT months and the 65k-row RTT extract); it takes
 * minutes, so it is not part of the default suite.
 */
class RealFilesIngestIT {
    private static final boolean ALL = Boolean.getBoolean("lhs.ingest.allRealFiles");
    private static final List<String> SUBSET = List.of(
            "ae_monthly_provider/Monthly-AE-2024-09.csv",
            "ae_icb_level/AE-ICB-2022-04.csv",
            "readmissions/england_acute_trusts_emergency_readmissions_2002-03_anonymised.csv",
            "synthetic/artificial_hes_ae_0708_truncated.csv",
            "synthetic/artificial_hes_apc_0102_truncated.csv");
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void everyRealFileIngestsAndReconciles() throws Exception {
        Path data = SharedData.path("data");
        Path landing = dir.resolve("landing");
        List<String> files = ALL ? allCsv(data) : SUBSET;
        for (String f : files) {
            Path to = landing.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(data.resolve(f), to);
        }
        JobContext ctx = JobContext.around(
                SharedSpark.config(dir.resolve("lakehouse"))
                        .with("landing", landing.toString())
                        .with(
                                "reference-dir",
                                SharedData.repoRoot().resolve("conf/reference").toString()),
                SharedSpark.session(),
                Clock.systemUTC());
        Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET);

        List<Row> fileRows = ctx.lakehouse().read(IngestTables.FILES).collectAsList();
        assertEquals(files.size(), fileRows.size(), "one bronze.files row per landed file");
        Map<String, Long> publicationRows = countBy(ctx.lakehouse()
                .read(IngestTables.PUBLICATION_ROWS)
                .groupBy("source_sha256")
                .count()
                .collectAsList());
        Map<String, Long> spellRows = countBy(ctx.lakehouse()
                .read(SpellTables.BRONZE_SPELLS)
                .groupBy("source_sha256")
                .count()
                .collectAsList());
        Map<String, Long> quarantined = countBy(ctx.lakehouse()
                .readOrEmpty(IngestTables.QUARANTINE)
                .groupBy("source_sha256")
                .agg(functions.countDistinct("row_number"))
                .collectAsList());
        Map<String, Long> aeSilver = countBy(ctx.lakehouse()
                .read(IngestTables.AE_MONTHLY)
                .groupBy("source_sha256")
                .agg(functions.sum(functions.size(functions.split(col("published_org_code"), "\\+"))))
                .collectAsList());
        Map<String, Long> rttSilver = countBy(ctx.lakehouse()
                .readOrEmpty(IngestTables.RTT_INCOMPLETE)
                .groupBy("source_sha256")
                .agg(functions.sum(functions.size(functions.split(col("published_org_code"), "\\+"))))
                .collectAsList());
        Map<String, Long> icbSilver = countBy(ctx.lakehouse()
                .read(IngestTables.AE_SYSTEM_MONTHLY)
                .groupBy("source_sha256")
                .count()
                .collectAsList());
        Map<String, Long> spellSilver = countBy(ctx.lakehouse()
                .read(SpellTables.SILVER_SPELLS)
                .groupBy("source_sha256")
                .count()
                .collectAsList());

        List<String> summary = new ArrayList<>();
        for (Row f : fileRows) {
            String sha = f.getAs("source_sha256");
            String name = Path.of(f.<String>getAs("source_file")).getFileName().toString();
            String dataset = f.getAs("dataset");
            long read = f.<Long>getAs("data_rows");
            assertEquals("loaded", f.getAs("status"), name + ": " + f.getAs("message"));
            long q = quarantined.getOrDefault(sha, 0L);
            boolean spells =
                    dataset.equals(SpellTables.DATASET_EPISODES_CSV) || dataset.equals(SpellTables.DATASET_SPELLS_CSV);
            assertEquals(
                    read, (spells ? spellRows : publicationRows).getOrDefault(sha, 0L), name + ": bronze = rows read");
            long silver;
            long controls = 0;
            switch (dataset) {
                case "AE_MONTHLY_PROVIDER" -> {
                    silver = aeSilver.getOrDefault(sha, 0L);
                    controls = aeParse(landing, f).controls().size();
                    assertEquals(1, controls, name + ": one TOTAL row");
                }
                case "AE_BY_PROVIDER" -> silver = aeSilver.getOrDefault(sha, 0L); // no TOTAL row
                case "RTT_INCOMPLETE_PROVIDER" -> silver = rttSilver.getOrDefault(sha, 0L);
                case "AE_ICB_LEVEL" -> silver = icbSilver.getOrDefault(sha, 0L);
                case "RTT_FULL_EXTRACT" -> {
                    silver = read - q; // a cross-check of the provider file, not a source of silver rows
                    assertEquals(
                            1,
                            ctx.lakehouse()
                                    .read(IngestTables.DATA_QUALITY)
                                    .filter(col("source_sha256")
                                            .equalTo(sha)
                                            .and(col("check_id").equalTo("rtt_extract_reconciles")))
                                    .count(),
                            name + ": reconciliation made");
                }
                case "EPISODES_CSV" ->
                    silver = spellSilver.getOrDefault(sha, 0L); // one spell per episode in this sample
                case "ORG_ODS_ETR", "ORG_SYSTEM_MAPPING" -> silver = read - q;
                default -> {
                    String message = f.getAs("message");
                    assertNotNull(message, name + " is kept in bronze only and says why");
                    assertTrue(message.contains("kept in bronze only"), message);
                    assertEquals(0, q, name + ": nothing quarantined");
                    summary.add(String.format("%-70s %-24s read %6d bronze only", name, dataset, read));
                    continue;
                }
            }
            assertEquals(
                    read,
                    silver + q + controls,
                    name + " (" + dataset + "): rows read = silver + quarantined" + " + TOTAL rows");
            summary.add(String.format(
                    "%-70s %-24s read %6d silver %6d quarantined %5d controls %d",
                    name, dataset, read, silver, q, controls));
        }

        // Every A&E month: the sum over providers in silver equals the file's TOTAL row, in every measure.
        int months = 0;
        for (Row f : fileRows) {
            if (!"AE_MONTHLY_PROVIDER".equals(f.getAs("dataset"))) {
                continue;
            }
            AeProviderMonth total = aeParse(landing, f).controls().get(0);
            Row sums = ctx.lakehouse()
                    .read(IngestTables.AE_MONTHLY)
                    .filter(col("period_start").equalTo(functions.lit(java.sql.Date.valueOf(total.periodStart()))))
                    .agg(
                            functions.sum(AeMeasure.values()[0].column()),
                            Stream.of(AeMeasure.values())
                                    .skip(1)
                                    .map(m -> functions.sum(m.column()))
                                    .toArray(org.apache.spark.sql.Column[]::new))
                    .first();
            for (AeMeasure m : AeMeasure.values()) {
                assertEquals(m.of(total), sums.getLong(m.ordinal()), total.periodStart() + " " + m + ": sum = TOTAL");
            }
            months++;
        }
        assertEquals(ALL ? 12 : 1, months, "A&E months reconciled");
        Map<String, Long> reasons = new TreeMap<>(countBy(ctx.lakehouse()
                .readOrEmpty(IngestTables.QUARANTINE)
                .filter(col("dataset").equalTo(SpellTables.DATASET_EPISODES_CSV))
                .groupBy("column_name")
                .count()
                .collectAsList()));
        System.out.println("RealFilesIngestIT (" + (ALL ? "all" : "subset") + "):\n" + String.join("\n", summary)
                + "\nHES APC sample quarantine entries by column: " + reasons);
    }

    private static ParseResult<AeProviderMonth> aeParse(Path landing, Row file) {
        return AeMonthlyProviderParser.parse(RawCsv.read(Path.of(java.net.URI.create(
                file.<String>getAs("source_file").startsWith("file:")
                        ? file.getAs("source_file")
                        : "file://" + file.getAs("source_file")))));
    }

    private static Map<String, Long> countBy(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> ((Number) r.get(1)).longValue()));
    }

    private static List<String> allCsv(Path data) throws Exception {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.toString().endsWith(".csv"))
                    .map(p -> data.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
