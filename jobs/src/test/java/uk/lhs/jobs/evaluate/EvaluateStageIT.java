package uk.lhs.jobs.evaluate;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.lhs.common.evaluation.register.RegisterException;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.VintageTables;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/** {@code lhs evaluate} end to end on a tiny lakehouse: inputs missing, a register that does not fit, a full run. */
class EvaluateStageIT {
    private static final String REGISTER = """
      - id: INT-1
        title: "Front-door triage"
        scope:
          trusts: [T1]
        indicators: [ind]
        start: "2024-01"
        implementation_months: 1
        expected_direction: increase
        comparators: auto
        notes: "test"
      """;

    private static final StructType VALUES = new StructType()
            .add("org_level", StringType)
            .add("org_code", StringType)
            .add("org_name", StringType)
            .add("period_start", DateType)
            .add("indicator_id", StringType)
            .add("stratum", StringType)
            .add("numerator", DoubleType)
            .add("denominator", DoubleType)
            .add("value", DoubleType)
            .add("ci_lower", DoubleType)
            .add("ci_upper", DoubleType)
            .add("unit", StringType)
            .add("improvement_direction", StringType)
            .add("target", DoubleType)
            .add("status", StringType)
            .add("run_id", StringType);

    private static JobContext context(String name, String register) throws IOException {
        Path lake = SharedSpark.newLakehouse(name);
        Path landing = Files.createDirectories(lake.resolve("landing"));
        Files.writeString(landing.resolve(EvaluateStage.LANDING_REGISTER), register);
        return JobContext.around(
                SharedSpark.config(lake).with("landing", landing.toString()), SharedSpark.session(), Clock.systemUTC());
    }

    private static void seed(JobContext ctx) {
        SparkSession spark = ctx.spark();
        List<Row> orgs = new ArrayList<>();
        for (String t : List.of("T1", "T2", "T3", "T4")) {
            orgs.add(RowFactory.create(
                    t, t + " name", "trust", "S1", "S1 name", "R1", "R1 name", null, null, null, "test", "run"));
        }
        orgs.add(RowFactory.create(
                "S1", "S1 name", "system", "S1", "S1 name", "R1", "R1 name", null, null, null, "test", "run"));
        ctx.writer()
                .write(IngestTables.ORGANISATIONS, spark.createDataFrame(orgs, IngestTables.ORGANISATIONS.schema()));
        List<Row> values = new ArrayList<>();
        List<Row> published = new ArrayList<>();
        LocalDate first = LocalDate.of(2022, 1, 1);
        for (int m = 0; m < 36; m++) {
            LocalDate month = first.plusMonths(m);
            for (String t : List.of("T1", "T2", "T3", "T4")) {
                double p = 0.7 + 0.01 * Math.sin(m * 1.7 + t.hashCode()) + (t.equals("T1") && m >= 25 ? 0.05 : 0);
                values.add(valueRow(t, month, p * 1000, 1000.0, "ok"));
                // The published form: counts rounded to 5 and the value from them; T1's SUPPRESSED months are gaps.
                boolean suppressed = t.equals("T1") && SUPPRESSED.contains(m);
                double rounded = Math.round(p * 1000 / 5) * 5.0;
                published.add(
                        suppressed
                                ? valueRow(t, month, null, null, "suppressed")
                                : valueRow(t, month, rounded, 1000.0, "ok"));
            }
            // T1's IMD quintiles: Q1 (most deprived) 0.70, falling by EQUITY_DROP from the first post month; Q5 0.60.
            for (int q = 1; q <= 5; q++) {
                double p = 0.72 - 0.025 * q + 0.01 * Math.sin(m * 1.3 + q) + (q == 1 && m >= 25 ? -EQUITY_DROP : 0);
                values.add(quintileRow(month, q, p * 200, 200.0, "ok"));
                published.add(
                        q == 5 && SUPPRESSED.contains(m)
                                ? quintileRow(month, q, null, null, "suppressed")
                                : quintileRow(month, q, Math.round(p * 200 / 5) * 5.0, 200.0, "ok"));
            }
        }
        spark.createDataFrame(values, VALUES)
                .write()
                .format("delta")
                .save(ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES));
        spark.createDataFrame(published, VALUES)
                .write()
                .format("delta")
                .save(ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES_PUBLISHED));
    }

    /** True change of T1's most deprived quintile (the only one that moves). */
    private static final double EQUITY_DROP = 0.08;

    private static Row quintileRow(LocalDate month, int q, Double numerator, Double denominator, String status) {
        Row r = valueRow("T1", month, numerator, denominator, status);
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            cells.add(i == VALUES.fieldIndex("stratum") ? "imd_q" + q : r.get(i));
        }
        return RowFactory.create(cells.toArray());
    }

    /** Months (0 = Jan 2022, before the start) that the published form suppresses for T1. */
    private static final List<Integer> SUPPRESSED = List.of(3, 4);

    private static Row valueRow(String trust, LocalDate month, Double numerator, Double denominator, String status) {
        return RowFactory.create(
                "trust",
                trust,
                trust + " name",
                Date.valueOf(month),
                "ind",
                "all",
                numerator,
                denominator,
                numerator == null ? null : numerator / denominator,
                null,
                null,
                "proportion",
                "increase",
                null,
                status,
                "run");
    }

    /**
     * Writes gold.revisions (exact only, no published twin) with one revision of {@code trust}'s {@code stratum}
     * value in {@code month} (YYYY-MM-DD): 0.70 → 0.71.
     */
    private static void revise(JobContext ctx, String trust, String stratum, String month) {
        ctx.writer()
                .write(
                        VintageTables.REVISIONS,
                        ctx.spark()
                                .createDataFrame(
                                        List.of(RowFactory.create(
                                                "trust",
                                                trust,
                                                Date.valueOf(month),
                                                "ind",
                                                stratum,
                                                0.70,
                                                0.71,
                                                "a",
                                                "b",
                                                "r")),
                                        VintageTables.REVISIONS.schema()));
    }

    /** The caveat codes of a row. */
    private static List<String> codes(Row r) {
        return r.<Row>getList(r.fieldIndex("caveats")).stream()
                .map(c -> c.getString(0))
                .toList();
    }

    @Test
    void missingIndicatorValuesSayWhichStageToRun() throws IOException {
        JobContext ctx = context("evaluate-missing", REGISTER);
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> new EvaluateStage().run(ctx, null, new StageOutput("r")));
        assertTrue(e.getMessage().contains("run lhs indicators first"), e.getMessage());
        assertTrue(e.getMessage().startsWith("gold.indicator_values does not exist"), e.getMessage());
    }

    @Test
    void aRegisterNamingAnUnknownTrustFailsNamingTheEntry() throws IOException {
        JobContext ctx = context("evaluate-invalid", REGISTER.replace("[T1]", "[T9]"));
        seed(ctx);
        RegisterException e =
                assertThrows(RegisterException.class, () -> new EvaluateStage().run(ctx, null, new StageOutput("r")));
        assertEquals(List.of("intervention INT-1: unknown trust T9 (not in silver.organisations)"), e.problems());
    }

    @Test
    void aRunWritesTheRegisterAndSixRowsPerUnit() throws IOException {
        JobContext ctx = context("evaluate-run", REGISTER);
        seed(ctx);
        // NHS England revised T1's third quintile in June 2022 (a pre month): gold.revisions only, not the published.
        revise(ctx, "T1", "imd_q3", "2022-06-01");
        StageOutput out = new StageOutput("run-1");
        new EvaluateStage().run(ctx, null, out);
        assertEquals(1, ctx.lakehouse().read(EvaluationTables.INTERVENTIONS).count());
        List<Row> rows =
                ctx.lakehouse().read(EvaluationTables.INTERVENTION_EFFECTS).collectAsList();
        assertEquals(6, rows.size());
        assertTrue(out.inputs().get(0).path().endsWith(EvaluateStage.LANDING_REGISTER));
        assertEquals(64, out.inputs().get(0).sha256().length());
        Row summary = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EFFECTS)
                .filter("method = 'summary'")
                .first();
        assertEquals(List.of("T2", "T3", "T4"), summary.getList(summary.fieldIndex("comparator_codes")));
        assertEquals("run-1", summary.getAs("run_id"));
        assertEquals(
                List.of(
                        ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES) + "@v0",
                        ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES_PUBLISHED) + "@v0"),
                out.inputs().subList(1, 3).stream().map(i -> i.path()).toList());

        // The same register evaluated on the published values: same units and methods, figures from published counts.
        List<Row> published = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED)
                .collectAsList();
        assertEquals(6, published.size());
        Row exactPrePost = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EFFECTS)
                .filter("method = 'pre_post'")
                .first();
        Row pubPrePost = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED)
                .filter("method = 'pre_post'")
                .first();
        assertEquals(
                exactPrePost.<Integer>getAs("pre_periods") - SUPPRESSED.size(),
                (int) pubPrePost.<Integer>getAs("pre_periods"),
                "the suppressed months are gaps in the published evaluation");
        assertNotEquals(
                exactPrePost.<Double>getAs("estimate"),
                pubPrePost.<Double>getAs("estimate"),
                "the published estimate comes from the rounded counts");
        Row pubSummary = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED)
                .filter("method = 'summary'")
                .first();
        assertTrue(pubSummary.<String>getAs("attribution") != null, "the summary row carries its attribution");
        assertTrue(pubSummary.<String>getAs("statement") != null, pubSummary.toString());

        // Equity: seven rows for T1 (quintiles, gap, SII) in each table; the published Q5 misses its suppressed months.
        List<Row> equity = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EQUITY)
                .orderBy("subgroup")
                .collectAsList();
        assertEquals(
                List.of("gap_q1_q5", "imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5", "sii"),
                equity.stream().map(r -> r.<String>getAs("subgroup")).toList());
        Row gap = equity.get(0);
        double lo = gap.getAs("ci_lower");
        double hi = gap.getAs("ci_upper");
        assertTrue(lo <= -EQUITY_DROP && -EQUITY_DROP <= hi, gap.toString());
        assertTrue(hi < 0, "the gap change is detected: " + gap);
        assertTrue(gap.<String>getAs("statement").contains("narrowed by"), gap.toString());
        Row pubQ5 = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EQUITY_PUBLISHED)
                .filter("subgroup = 'imd_q5'")
                .first();
        assertEquals(equity.get(5).<Integer>getAs("pre_periods") - SUPPRESSED.size(), (int)
                pubQ5.<Integer>getAs("pre_periods"));
        assertEquals(
                7,
                ctx.lakehouse()
                        .read(EvaluationTables.INTERVENTION_EQUITY_PUBLISHED)
                        .count());
        // The revision caveats the quintile and the SII computed from it, in the exact table only.
        assertEquals(
                List.of("imd_q3", "sii"),
                equity.stream()
                        .filter(r -> codes(r).contains("REVISED_DATA"))
                        .map(r -> r.<String>getAs("subgroup"))
                        .toList());
        assertTrue(
                ctx.lakehouse().read(EvaluationTables.INTERVENTION_EQUITY_PUBLISHED).collectAsList().stream()
                        .noneMatch(r -> codes(r).contains("REVISED_DATA")),
                "no gold.revisions_published, no caveat");
        // 200 a month per quintile is above the catalog default of 30: no SMALL_SUBGROUP.
        assertTrue(equity.stream()
                .allMatch(r -> r.getList(r.fieldIndex("caveats")).stream()
                        .noneMatch(c -> "SMALL_SUBGROUP".equals(((Row) c).getString(0)))));
    }

    /** Two trusts' own entries and a system-wide entry, all of one type (spelled three ways). */
    private static final String TYPED_REGISTER = """
      - {id: INT-1, title: "Virtual ward", scope: {trusts: [T1]}, indicators: [ind], start: "2024-01",
         implementation_months: 1, expected_direction: increase, type: Virtual Ward}
      - {id: INT-2, title: "Virtual ward", scope: {trusts: [T2]}, indicators: [ind], start: "2024-02",
         implementation_months: 1, expected_direction: increase, type: virtual-ward}
      - {id: INT-3, title: "Virtual wards everywhere", scope: {system: S1}, indicators: [ind], start: "2024-06",
         implementation_months: 1, expected_direction: increase, type: virtual_ward}
      """;

    @Test
    void typedInterventionsArePooledIntoLearningOncePerTrust() throws IOException {
        JobContext ctx = context("evaluate-learning", TYPED_REGISTER);
        seed(ctx);
        new EvaluateStage().run(ctx, null, new StageOutput("run-l"));
        assertEquals(
                List.of("virtual_ward", "virtual_ward", "virtual_ward"),
                ctx.lakehouse().read(EvaluationTables.INTERVENTIONS).orderBy("intervention_id").collectAsList().stream()
                        .map(r -> r.<String>getAs("intervention_type"))
                        .toList());
        for (var table : List.of(EvaluationTables.LEARNING, EvaluationTables.LEARNING_PUBLISHED)) {
            // Every trust is exposed, so no comparator is left for DiD or synthetic control: only ITS is pooled.
            List<Row> rows = ctx.lakehouse().read(table).collectAsList();
            assertEquals(1, rows.size(), table.qualifiedName() + ": " + rows);
            Row r = rows.get(0);
            assertEquals("its", r.getAs("method"));
            assertEquals("reml", r.getAs("pooling"));
            // The system aggregate is left out; T1 and T2 count once, through their own (earlier) entries.
            assertEquals(4, (int) r.<Integer>getAs("k"));
            assertEquals(List.of("T1", "T2", "T3", "T4"), r.getList(r.fieldIndex("sites")));
            List<Row> sites = r.getList(r.fieldIndex("site_estimates"));
            assertEquals(
                    List.of("INT-1", "INT-2", "INT-3", "INT-3"),
                    sites.stream().map(x -> x.<String>getAs("intervention_id")).toList());
            assertEquals(
                    100.0,
                    sites.stream().mapToDouble(x -> x.<Double>getAs("weight")).sum(),
                    1e-9);
            assertTrue(
                    r.<Double>getAs("ci_lower") <= r.<Double>getAs("estimate")
                            && r.<Double>getAs("estimate") <= r.<Double>getAs("ci_upper"),
                    r.toString());
            List<String> caveats = r.<Row>getList(r.fieldIndex("caveats")).stream()
                    .map(c -> c.<String>getAs("code"))
                    .toList();
            assertTrue(caveats.contains("FEW_SITES") && caveats.contains("SHARED_COMPARATORS"), caveats.toString());
            assertTrue(
                    r.<String>getAs("statement")
                            .startsWith("Across 4 trusts, virtual ward was associated with a change" + " in ind of "),
                    r.<String>getAs("statement"));
            assertEquals("run-l", r.getAs("run_id"));
        }
    }

    @Test
    void aProgrammeIsEvaluatedStaggeredAndEachRolloutTrustFromItsOwnStart() throws IOException {
        JobContext ctx = context("evaluate-programme", """
              - id: PRG-1
                title: "Spread"
                rollout:
                  - {trust: T1, start: "2024-01"}
                  - {trust: T2, start: "2024-04"}
                indicators: [ind]
                implementation_months: 1
                expected_direction: increase
              """);
        seed(ctx);
        // NHS England revised comparison trust T3's June 2023 (in gold.revisions only, not the published).
        revise(ctx, "T3", "all", "2023-06-01");
        new EvaluateStage().run(ctx, null, new StageOutput("run-p"));
        Row register = ctx.lakehouse().read(EvaluationTables.INTERVENTIONS).first();
        List<Row> rollout = register.getList(register.fieldIndex("rollout"));
        assertEquals(
                List.of("T1 2024-01-01", "T2 2024-04-01"),
                rollout.stream().map(r -> r.getString(0) + " " + r.getDate(1)).toList());
        // Per trust: each rollout trust is evaluated on its own, from its own start, against T3 and T4.
        List<Row> perTrust = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EFFECTS)
                .filter("method = 'summary'")
                .orderBy("org_code")
                .collectAsList();
        assertEquals(
                List.of("T1 2024-01-01 [T3, T4]", "T2 2024-04-01 [T3, T4]"),
                perTrust.stream()
                        .map(r -> r.getAs("org_code") + " " + r.getAs("intervention_start") + " "
                                + r.getList(r.fieldIndex("comparator_codes")))
                        .toList());
        // Staggered: two cohorts (first post months Feb and May 2024), 36 months, T3 and T4 never treated.
        List<Row> rows =
                ctx.lakehouse().read(EvaluationTables.PROGRAMME_EFFECTS).collectAsList();
        Row summary = rows.stream()
                .filter(r -> "summary".equals(r.getAs("aggregation")))
                .findFirst()
                .orElseThrow();
        assertEquals(4, (int) summary.<Integer>getAs("units"));
        assertEquals(2, (int) summary.<Integer>getAs("cohorts"));
        assertEquals(List.of("T1", "T2"), summary.getList(summary.fieldIndex("trusts")));
        assertTrue(summary.<String>getAs("statement").contains("associated with")
                || summary.<String>getAs("statement").startsWith("No change"));
        assertTrue(codes(summary).contains("REVISED_DATA"), codes(summary).toString());
        assertTrue(rows.stream().anyMatch(r -> "twfe".equals(r.getAs("aggregation"))));
        assertEquals(
                List.of("g=2024-02", "g=2024-05", "overall"),
                rows.stream()
                        .filter(r -> "group".equals(r.getAs("aggregation")))
                        .map(r -> (String) r.getAs("cell"))
                        .sorted()
                        .toList());
        long dynamic = rows.stream()
                .filter(r -> "dynamic".equals(r.getAs("aggregation")) && r.getAs("event_time") != null)
                .count();
        assertEquals(
                38,
                dynamic,
                "event times -27..10: periods 2..36 against the cohorts first treated in periods 26 and 29");
        // Published: computed from the published values, with the stamps; T1's suppressed months take it out.
        Row pub = ctx.lakehouse()
                .read(EvaluationTables.PROGRAMME_EFFECTS_PUBLISHED)
                .filter("aggregation = 'summary'")
                .first();
        assertEquals(List.of("T2"), pub.getList(pub.fieldIndex("trusts")));
        assertTrue(codes(pub).contains("DATA_GAPS"));
        assertTrue(!codes(pub).contains("REVISED_DATA"), "no gold.revisions_published, no caveat");
        // The stamp columns are there; the fixture's published values carry no stamps, so these rows carry none either.
        assertTrue(List.of(pub.schema().fieldNames()).contains("suppress_below"));
        assertTrue(pub.isNullAt(pub.fieldIndex("suppress_below")));
    }
}
