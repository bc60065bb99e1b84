package uk.lhs.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.aebyprovider.AeByProviderCsv;
import uk.lhs.common.sources.aemonthly.AeMonthlyProviderParser;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.vocab.Cols;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * The A&E by-provider table through the ingest stage, with no change to the stage: the two real files load into
 * silver.ae_monthly with no quarantined row and their published percentages agree with their counts; and a
 * by-provider file and a Monthly-AE file of the same month (the former built from the latter's counts, as the real
 * files do not overlap in months) give the same trust and England 4-hour % from silver.ae_monthly, computed with the
 * ae_4hr_all indicator's formula (conf/indicators/ae.yaml).
 */
class AeByProviderIngestIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private static final String FOUR_HOUR_NUM = "(att_type1 + att_type2 + att_other + att_booked_type1"
            + " + att_booked_type2 + att_booked_other) - (over4_type1 + over4_type2 + over4_other + over4_booked_type1"
            + " + over4_booked_type2 + over4_booked_other)";
    private static final String FOUR_HOUR_DEN =
            "att_type1 + att_type2 + att_other + att_booked_type1" + " + att_booked_type2 + att_booked_other";

    @TempDir
    Path dir;

    private JobContext ingest(String name, Map<String, byte[]> files) throws Exception {
        Path landing = dir.resolve(name).resolve("landing");
        Files.createDirectories(landing);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(landing.resolve(f.getKey()), f.getValue());
        }
        JobContext ctx = JobContext.around(
                SharedSpark.config(dir.resolve(name).resolve("lakehouse"))
                        .with("landing", landing.toString())
                        .with(
                                "reference-dir",
                                SharedData.repoRoot().resolve("conf/reference").toString()),
                SharedSpark.session(),
                Clock.systemUTC());
        Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET);
        return ctx;
    }

    @Test
    void theRealFilesLoadWithNoQuarantinedRow() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        for (String f : List.of("AE-by-provider-2025-05.csv", "AE-by-provider-2025-06.csv")) {
            files.put(f, Files.readAllBytes(SharedData.path("data/ae_by_provider_xls_export/" + f)));
        }
        JobContext ctx = ingest("real", files);
        assertEquals(
                2,
                ctx.lakehouse()
                        .read(IngestTables.FILES)
                        .filter(col("dataset")
                                .equalTo(Dataset.AE_BY_PROVIDER.name())
                                .and(col("status").equalTo("loaded")))
                        .count());
        assertEquals(
                200 + 201, ctx.lakehouse().read(IngestTables.PUBLICATION_ROWS).count());
        assertEquals(0, ctx.lakehouse().readOrEmpty(IngestTables.QUARANTINE).count());
        // Providers merged into a successor are summed into one row, so silver has at most one row per file row.
        long silver = ctx.lakehouse().read(IngestTables.AE_MONTHLY).count();
        assertTrue(silver > 390 && silver <= 401, silver + " silver rows");
        assertEquals(
                0,
                ctx.lakehouse()
                        .read(IngestTables.AE_MONTHLY)
                        .filter(
                                "att_booked_type1 + att_booked_type2"
                                        + " + att_booked_other + over4_booked_type1 + over4_booked_type2 + over4_booked_other <> 0")
                        .count());
        List<Row> pct = ctx.lakehouse()
                .read(IngestTables.DATA_QUALITY)
                .filter(col("check_id").equalTo("ae_published_pct_agrees"))
                .collectAsList();
        assertEquals(2, pct.size());
        assertTrue(pct.stream().allMatch(r -> r.<Boolean>getAs("passed")), pct.toString());
        Map<String, Double> england = new TreeMap<>();
        for (Row r : ctx.lakehouse()
                .read(IngestTables.AE_MONTHLY)
                .groupBy(Cols.PERIOD_START)
                .agg(sum(expr(FOUR_HOUR_NUM)), sum(expr(FOUR_HOUR_DEN)))
                .collectAsList()) {
            england.put(r.get(0).toString(), Math.round(1000.0 * r.getLong(1) / r.getLong(2)) / 10.0);
        }
        // The sums over providers of the raw files' 'Total Attendances < 4 hours' / 'Total attendances'.
        assertEquals(Map.of("2025-05-01", 75.4, "2025-06-01", 75.6), england);
    }

    @Test
    void aByProviderFileAndAMonthlyAeFileOfTheSameMonthGiveTheSameFourHourPercentages() throws Exception {
        Path monthly = SharedData.path("data/ae_monthly_provider/Monthly-AE-2025-03.csv");
        byte[] byProvider = AeByProviderCsv.of(
                        AeMonthlyProviderParser.parse(monthly).records())
                .getBytes(StandardCharsets.UTF_8);
        JobContext a = ingest("monthly", Map.of("Monthly-AE-2025-03.csv", Files.readAllBytes(monthly)));
        JobContext b = ingest("byprovider", Map.of("AE-by-provider-2025-03.csv", byProvider));
        assertEquals(0, b.lakehouse().readOrEmpty(IngestTables.QUARANTINE).count());
        Map<String, List<Long>> fromMonthly = fourHour(a);
        Map<String, List<Long>> fromByProvider = fourHour(b);
        assertEquals(fromMonthly, fromByProvider, "per trust: within 4 hours and attendances");
        long[] ea = england(fromMonthly);
        long[] eb = england(fromByProvider);
        assertEquals(ea[0] / (double) ea[1], eb[0] / (double) eb[1], 0.0, "England 4-hour %");
        assertTrue(fromMonthly.size() > 150, fromMonthly.size() + " trusts");
    }

    private static Map<String, List<Long>> fourHour(JobContext ctx) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (Row r : ctx.lakehouse()
                .read(IngestTables.AE_MONTHLY)
                .select(col(Cols.ORG_CODE), expr(FOUR_HOUR_NUM), expr(FOUR_HOUR_DEN))
                .collectAsList()) {
            out.put(r.getString(0), List.of(r.getLong(1), r.getLong(2)));
        }
        return out;
    }

    private static long[] england(Map<String, List<Long>> byTrust) {
        long[] s = new long[2];
        byTrust.values().forEach(v -> {
            s[0] += v.get(0);
            s[1] += v.get(1);
        });
        return s;
    }
}
