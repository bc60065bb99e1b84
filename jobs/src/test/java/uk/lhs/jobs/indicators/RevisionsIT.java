package uk.lhs.jobs.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.VintageTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.text.Hashing;
import uk.lhs.jobs.ingest.IngestStage;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * NHS England re-publishes months. Three real Monthly-AE months land and are computed; then revised files land under
 * the same names (a few providers' type 1 attendances and over-4-hour counts raised by about 4e-4 relative, as the
 * March-2026 time series revised earlier provider files, with the TOTAL row kept consistent) and everything runs
 * again: gold.indicator_values holds the revised England 4-hour % (to 1e-9 of the revised TOTAL rows),
 * gold.revisions the previous and new value with both files, silver.vintages which vintage superseded which.
 */
class RevisionsIT {
    private static final List<String> MONTHS = List.of("2024-04", "2024-05", "2024-06");
    /** Providers revised per month: the largest by type 1 attendances. */
    private static final int REVISED_PROVIDERS = 3;
    /** Relative size of each revision (the March-2026 time series revised provider files by up to 4e-4). */
    private static final double REVISION = 4e-4;

    private static final int ORG_CODE = 1;
    private static final int ATT_TYPE1 = 4;
    private static final int OVER4_TYPE1 = 10;
    /** The six attendance columns and the six over-4-hours columns (ae.yaml ae_4hr_all). */
    private static final int ATT_FROM = 4;

    private static final int OVER4_FROM = 10;

    @Test
    void aRevisedVintageReplacesTheMonthAndIsListedInRevisions() throws Exception {
        Path lakehouse = SharedSpark.newLakehouse("revisions");
        Path landing = Files.createDirectories(lakehouse.resolve("landing"));
        Map<String, String> firstSha = new LinkedHashMap<>();
        Map<String, Double> firstPct = new LinkedHashMap<>();
        for (String m : MONTHS) {
            Path f = landing.resolve(file(m));
            Files.copy(SharedData.path("data/ae_monthly_provider/" + file(m)), f);
            firstSha.put(m, Hashing.sha256(Files.readAllBytes(f)));
            firstPct.put(m, englandPct(f));
        }
        Path repo = SharedData.repoRoot();
        LhsConfig config = SharedSpark.config(lakehouse.resolve("tables"))
                .with("landing", landing.toString())
                .with("reference-dir", repo.resolve("conf/reference").toString())
                .with("indicators-dir", repo.resolve("conf/indicators").toString());
        JobContext ctx = JobContext.around(
                config, SharedSpark.session(), Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
        new IngestStage().run(ctx, null, new StageOutput("ingest-1"));
        new IndicatorsStage().run(ctx, null, new StageOutput("indicators-1"));
        for (String m : MONTHS) {
            assertEquals(firstPct.get(m), england(ctx, m), 1e-9, m + " first vintage");
        }

        // NHS England re-publishes the three months under the same names.
        Map<String, String> revisedSha = new LinkedHashMap<>();
        Map<String, Double> revisedPct = new LinkedHashMap<>();
        for (String m : MONTHS) {
            Path f = landing.resolve(file(m));
            Files.write(f, revise(Files.readAllLines(f, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            revisedSha.put(m, Hashing.sha256(Files.readAllBytes(f)));
            revisedPct.put(m, englandPct(f));
            assertNotEquals(firstPct.get(m), revisedPct.get(m), m);
        }
        JobContext later = JobContext.around(
                config, ctx.spark(), Clock.fixed(Instant.parse("2025-02-01T00:00:00Z"), ZoneOffset.UTC));
        new IngestStage().run(later, null, new StageOutput("ingest-2"));
        new IndicatorsStage().run(later, null, new StageOutput("indicators-2"));

        for (String m : MONTHS) {
            assertEquals(revisedPct.get(m), england(ctx, m), 1e-9, m + ": the revised England 4-hour %");
            Row r = ctx.lakehouse()
                    .read(VintageTables.REVISIONS)
                    .where("indicator_id = 'ae_4hr_all' AND org_level = 'england' AND stratum = 'all'"
                            + " AND period_start = DATE'" + m + "-01'")
                    .collectAsList()
                    .get(0);
            assertEquals(firstPct.get(m), r.<Double>getAs("previous_value"), 1e-9, m + " previous");
            assertEquals(revisedPct.get(m), r.<Double>getAs("value"), 1e-9, m + " revised");
            assertEquals(firstSha.get(m), r.getAs("previous_source_sha256"), m);
            assertEquals(revisedSha.get(m), r.getAs("source_sha256"), m);
            assertEquals("indicators-2", r.getAs("revised_in_run"), m);

            List<Row> vintages = ctx.lakehouse()
                    .read(VintageTables.VINTAGES)
                    .where("silver_table = 'silver.ae_monthly' AND period_start = DATE'" + m + "-01'")
                    .orderBy("first_ingested")
                    .collectAsList();
            assertEquals(2, vintages.size(), m);
            assertEquals(firstSha.get(m), vintages.get(0).getAs("source_sha256"));
            assertEquals(revisedSha.get(m), vintages.get(0).getAs("superseded_by"), m + ": superseded by the revision");
            assertEquals(revisedSha.get(m), vintages.get(1).getAs("source_sha256"));
            assertNull(vintages.get(1).getAs("superseded_by"), m + ": the revision is current");
        }
        // Only what moved: the revised trusts, their systems, regions and England; never an untouched trust.
        assertEquals(
                MONTHS.size() * REVISED_PROVIDERS,
                ctx.lakehouse()
                        .read(VintageTables.REVISIONS)
                        .where("indicator_id = 'ae_4hr_all' AND org_level = 'trust'")
                        .count());
        assertEquals(
                MONTHS.size(),
                ctx.lakehouse()
                        .read(VintageTables.REVISIONS_PUBLISHED)
                        .where("indicator_id = 'ae_4hr_all' AND org_level = 'england' AND suppress_below IS NOT NULL")
                        .count(),
                "the published revisions list England's revised months");

        // Nothing new has landed: a third run finds no revision to compare and writes nothing.
        StageOutput again = new StageOutput("indicators-3");
        new IndicatorsStage().run(later, null, again);
        for (WriteResult w : again.writes()) {
            assertEquals(0, w.rowsInserted() + w.rowsUpdated(), w.table());
        }
    }

    private static String file(String month) {
        return "Monthly-AE-" + month + ".csv";
    }

    private static double england(JobContext ctx, String month) {
        return ctx.lakehouse()
                .read(IndicatorTables.INDICATOR_VALUES)
                .where("indicator_id = 'ae_4hr_all' AND org_level = 'england' AND stratum = 'all'")
                .where(org.apache
                        .spark
                        .sql
                        .functions
                        .col("period_start")
                        .equalTo(Date.valueOf(LocalDate.parse(month + "-01"))))
                .first()
                .<Double>getAs("value");
    }

    /** The 4-hour % of a file's TOTAL row: 1 - over 4 hours / attendances, all types incl. booked (ae.yaml). */
    private static double englandPct(Path file) throws Exception {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> c = CsvLine.split(line);
            if (c.size() > OVER4_FROM + 6 && c.get(ORG_CODE).trim().equalsIgnoreCase("total")) {
                long att = 0;
                long over = 0;
                for (int i = 0; i < 6; i++) {
                    att += Long.parseLong(c.get(ATT_FROM + i).trim());
                    over += Long.parseLong(c.get(OVER4_FROM + i).trim());
                }
                return 1.0 - (double) over / att;
            }
        }
        throw new AssertionError("no TOTAL row in " + file);
    }

    /**
     * The largest providers' type 1 attendances raised by {@link #REVISION} relative (at least 1), the extra
     * attendances all over 4 hours, and the TOTAL row raised by the same amounts.
     */
    private static List<String> revise(List<String> lines) {
        List<Integer> providers = new ArrayList<>();
        int total = -1;
        for (int i = 1; i < lines.size(); i++) {
            List<String> c = CsvLine.split(lines.get(i));
            if (c.size() <= OVER4_FROM + 6 || lines.get(i).contains("\"")) {
                continue;
            }
            if (c.get(ORG_CODE).trim().equalsIgnoreCase("total")) {
                total = i;
            } else {
                providers.add(i);
            }
        }
        providers.sort(Comparator.comparingLong((Integer i) -> Long.parseLong(
                        CsvLine.split(lines.get(i)).get(ATT_TYPE1).trim()))
                .reversed());
        List<String> out = new ArrayList<>(lines);
        long added = 0;
        for (int i : providers.subList(0, REVISED_PROVIDERS)) {
            List<String> c = new ArrayList<>(CsvLine.split(lines.get(i)));
            long att = Long.parseLong(c.get(ATT_TYPE1).trim());
            long d = Math.max(1, Math.round(att * REVISION));
            c.set(ATT_TYPE1, Long.toString(att + d));
            c.set(OVER4_TYPE1, Long.toString(Long.parseLong(c.get(OVER4_TYPE1).trim()) + d));
            out.set(i, String.join(",", c));
            added += d;
        }
        List<String> t = new ArrayList<>(CsvLine.split(lines.get(total)));
        t.set(ATT_TYPE1, Long.toString(Long.parseLong(t.get(ATT_TYPE1).trim()) + added));
        t.set(OVER4_TYPE1, Long.toString(Long.parseLong(t.get(OVER4_TYPE1).trim()) + added));
        out.set(total, String.join(",", t));
        assertTrue(added > 0);
        return out;
    }
}
