package uk.lhs.jobs.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.ingest.IngestStage;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * The stage on one real A&E month and one real RTT month, ingested by the ingest stage into a fresh lakehouse; and on
 * a small generated sample with patient-level spells.
 */
class IndicatorsStageIT {
    /**
     * A small generated sample: the generator's fewest trusts (two per region); 14 months leave 12 months of
     * standard population with complete follow-up.
     */
    private static final int SAMPLE_TRUSTS = 14;

    private static final int SAMPLE_MONTHS = 14;
    private static final long SAMPLE_SPELLS = 20_000;

    static JobContext ctx;

    @BeforeAll
    static void ingest() throws Exception {
        Path lakehouse = SharedSpark.newLakehouse("indicators-stage");
        Path landing = Files.createDirectories(lakehouse.resolve("landing"));
        Files.copy(
                SharedData.path("data/ae_monthly_provider/Monthly-AE-2024-04.csv"),
                landing.resolve("Monthly-AE-2024-04.csv"));
        Files.copy(
                SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-04.csv"),
                landing.resolve("RTT-Incomplete-Provider-2024-04.csv"));
        Path repo = SharedData.repoRoot();
        LhsConfig config = SharedSpark.config(lakehouse.resolve("tables"))
                .with("landing", landing.toString())
                .with("reference-dir", repo.resolve("conf/reference").toString())
                .with("indicators-dir", repo.resolve("conf/indicators").toString());
        ctx = JobContext.around(
                config, SharedSpark.session(), Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));
        new IngestStage().run(ctx, null, new StageOutput("ingest-run"));
    }

    @Test
    void writesTheGoldTablesAndReRunsChangeNothing() {
        StageOutput first = new StageOutput("run-1");
        new IndicatorsStage().run(ctx, null, first);
        assertEquals(
                6,
                first.writes().size(),
                "values, published, funnel points and inequality with their published forms (no spells here)");
        long values = ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES).count();
        assertEquals(values, first.writes().get(0).rowsInserted());
        assertEquals(
                values,
                ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES_PUBLISHED).count());
        Row eng = ctx.lakehouse()
                .read(IndicatorTables.INDICATOR_VALUES)
                .where("indicator_id = 'ae_4hr_all' AND org_level = 'england'")
                .first();
        assertEquals("ENG", eng.getAs("org_code"));
        assertEquals("run-1", eng.getAs("run_id"));
        assertEquals(0.95, eng.<Double>getAs("target"));
        assertTrue(ctx.lakehouse()
                        .read(IndicatorTables.FUNNEL_POINTS)
                        .where("indicator_id = 'rtt_18wk'")
                        .count()
                > 100);
        assertEquals(
                0,
                ctx.lakehouse()
                        .read(IndicatorTables.INDICATOR_VALUES)
                        .where("org_level = 'system' AND org_code = 'unmapped' AND indicator_id = 'rtt_waiting_list'"
                                + " AND denominator IS NOT NULL")
                        .count(),
                "counts have no denominator");

        for (String period : new String[] {null, "2024-04"}) {
            StageOutput again = new StageOutput("run-2");
            new IndicatorsStage().run(ctx, period, again);
            for (WriteResult w : again.writes()) {
                assertEquals(0, w.rowsInserted(), w.table() + " " + period);
                assertEquals(0, w.rowsUpdated(), w.table() + " " + period);
            }
        }
        assertEquals(
                "run-1",
                ctx.lakehouse()
                        .read(IndicatorTables.INDICATOR_VALUES)
                        .where("indicator_id = 'ae_4hr_all' AND org_level = 'england'")
                        .first()
                        .getAs("run_id"),
                "unchanged rows keep the run that computed them");
    }

    @Test
    void generatedSpellsGiveReadmissionAndStayIndicatorsWithStrataAndInequality() throws Exception {
        Path lakehouse = SharedSpark.newLakehouse("indicators-stage-spells");
        Path generated = lakehouse.resolve("generated");
        SyntheticGenerator.generate(
                new GeneratorOptions(
                        GeneratorOptions.DEFAULT_SEED,
                        SAMPLE_TRUSTS,
                        SAMPLE_MONTHS,
                        YearMonth.of(2025, 3),
                        SAMPLE_SPELLS,
                        GeneratorOptions.DEFAULT_SPELLS_PER_PART,
                        SharedData.repoRoot().resolve("conf/schemas/spell.avsc")),
                generated);
        // Only the spells are landed (as bench/spells-bench.sh does): the A&E and RTT paths are tested above.
        Path landing = Files.createDirectories(lakehouse.resolve("landing"));
        Files.move(generated.resolve("spells"), landing.resolve("spells"));
        JobContext spells = JobContext.around(
                ctx.config()
                        .with("lakehouse", lakehouse.resolve("tables").toString())
                        .with("landing", landing.toString()),
                ctx.spark(),
                ctx.clock());
        new IngestStage().run(spells, null, new StageOutput("ingest-spells"));
        StageOutput out = new StageOutput("run-spells");
        new IndicatorsStage().run(spells, null, out);
        assertTrue(
                out.writes().stream().anyMatch(w -> w.table().equals(SpellTables.SPELL_MEASURES.qualifiedName())),
                "silver.spell_measures written by the stage: " + out.writes());

        Dataset<Row> values = spells.lakehouse().read(IndicatorTables.INDICATOR_VALUES);
        for (String id : List.of("readmit_30d", "readmit_30d_isr", "los_mean", "los_21plus")) {
            for (String level : List.of("trust", "system", "region", "england")) {
                List<String> strata = values.where("indicator_id = '" + id + "' AND org_level = '" + level + "'")
                        .select("stratum")
                        .distinct()
                        .as(Encoders.STRING())
                        .collectAsList();
                assertTrue(
                        strata.containsAll(List.of("all", "imd_q1", "imd_q5", "age_16_64", "age_85plus", "sex_female")),
                        id + " at " + level + ": " + strata);
            }
        }
        // The standard population (first 12 months with complete follow-up) is where the model was fitted: there the
        // expected readmissions equal the observed ones (logistic score equation), so England's ISR over it is 1.
        // Only months whose 30-day follow-up is complete have readmission rows (9 of the 14 here, measured).
        List<Row> england = values.where(
                        "indicator_id = 'readmit_30d_isr' AND org_level = 'england' AND stratum = 'all'"
                                + " AND value IS NOT NULL")
                .orderBy("period_start")
                .limit(12)
                .collectAsList();
        assertTrue(england.size() >= 6, "months with readmission measures: " + england.size());
        double observed =
                england.stream().mapToDouble(r -> r.<Double>getAs("numerator")).sum();
        double expected = england.stream()
                .mapToDouble(r -> r.<Double>getAs("denominator"))
                .sum();
        assertEquals(1.0, observed / expected, 1e-3, "ΣO/ΣE over the standard population");
        Row los = values.where("indicator_id = 'los_mean' AND org_level = 'england' AND stratum = 'all'"
                        + " AND status = 'ok'")
                .first();
        assertTrue(
                los.<Double>getAs("ci_lower") < los.<Double>getAs("value")
                        && los.<Double>getAs("value") < los.<Double>getAs("ci_upper"),
                "mean LOS has its interval: " + los);
        assertTrue(los.<String>getAs("value_display").endsWith(" days"));

        // Funnels compare trusts on stratum 'all' only: one point per trust row that is ok. Readmissions are compared
        // on the 12-month basis (catalog funnel none on the monthly ids); los_21plus keeps its monthly funnel.
        Dataset<Row> funnels = spells.lakehouse().read(IndicatorTables.FUNNEL_POINTS);
        for (String id : List.of("los_21plus", "readmit_30d_12m", "readmit_30d_isr_12m")) {
            long trustRows = values.where("indicator_id = '" + id + "' AND org_level = 'trust' AND stratum = 'all'"
                            + " AND status = 'ok'")
                    .count();
            assertEquals(trustRows, funnels.where("indicator_id = '" + id + "'").count(), id);
        }
        assertEquals(
                0,
                funnels.where("indicator_id IN ('readmit_30d', 'readmit_30d_isr')")
                        .count());
        Dataset<Row> inequality = spells.lakehouse().read(IndicatorTables.INEQUALITY);
        assertTrue(
                inequality
                                .where("indicator_id = 'readmit_30d' AND org_level = 'england' AND status = 'ok'"
                                        + " AND sii_lower <= sii AND sii <= sii_upper")
                                .count()
                        >= england.size(),
                "England SII with limits in every month with readmission measures");
        assertEquals(
                0,
                inequality
                        .where("indicator_id LIKE 'ae_%' OR indicator_id LIKE 'rtt_%'")
                        .count(),
                "A&E and RTT have no IMD strata");
    }

    @Test
    void anInvalidCatalogStopsTheStageBeforeAnyWrite() throws Exception {
        Path bad = Files.createTempDirectory("bad-catalog");
        Files.writeString(bad.resolve("x.yaml"), "indicators:\n  - id: x\n    dataset: nowhere\n");
        JobContext badCtx =
                JobContext.around(ctx.config().with("indicators-dir", bad.toString()), ctx.spark(), ctx.clock());
        StageOutput out = new StageOutput("run-bad");
        Exception e = assertThrows(Exception.class, () -> new IndicatorsStage().run(badCtx, null, out));
        assertTrue(e.getMessage().contains("x.yaml: entry 'x': unknown dataset 'nowhere'"), e.getMessage());
        assertTrue(out.writes().isEmpty());
    }
}
