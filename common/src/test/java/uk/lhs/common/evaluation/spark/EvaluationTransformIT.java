package uk.lhs.common.evaluation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.register.RegisterValidator;
import uk.lhs.common.evaluation.register.RegisterYaml;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.testing.SharedSpark;

/**
 * The Spark side on a small hand-built lakehouse: two regions of two systems of two trusts, 36 months, a known step
 * at T1. Checks unit expansion, comparator choice and exclusion, the region series, concurrent interventions,
 * organisation changes, the contract, and that a re-run writes nothing new.
 */
class EvaluationTransformIT {
    private static final LocalDate FIRST = LocalDate.of(2022, 4, 1);
    private static final int MONTHS = 36;
    private static final LocalDate START = LocalDate.of(2024, 4, 1);
    private static final double STEP = 0.08;
    private static final Map<String, String[]> TRUSTS = Map.of(
            "T1",
            new String[] {"S1", "R1"},
            "T2",
            new String[] {"S1", "R1"},
            "T3",
            new String[] {"S2", "R1"},
            "T4",
            new String[] {"S2", "R1"},
            "T5",
            new String[] {"S3", "R2"},
            "T6",
            new String[] {"S3", "R2"},
            "T7",
            new String[] {"S4", "R2"},
            "T8",
            new String[] {"S4", "R2"});

    private static SparkSession spark;
    private static List<Row> rows;
    private static Dataset<Row> effects;
    private static Dataset<Row> values;
    private static Dataset<Row> orgs;
    private static InterventionRegister register;

    @BeforeAll
    static void evaluate() {
        spark = SharedSpark.session();
        List<Row> iv = new ArrayList<>();
        Map<String, double[]> num = new HashMap<>();
        Map<String, double[]> den = new HashMap<>();
        for (String t : new TreeSet<>(TRUSTS.keySet())) {
            Random r = new Random(t.hashCode());
            for (int m = 0; m < MONTHS; m++) {
                LocalDate month = FIRST.plusMonths(m);
                double p = 0.72 + 0.01 * r.nextGaussian() + (t.equals("T1") && !month.isBefore(START) ? STEP : 0);
                double d = 1000;
                iv.add(IndicatorValuesFixture.proportion("trust", t, month, "ind", p * d, d));
                for (String agg : new String[] {TRUSTS.get(t)[0], TRUSTS.get(t)[1], "ENG"}) {
                    num.computeIfAbsent(agg, k -> new double[MONTHS])[m] += p * d;
                    den.computeIfAbsent(agg, k -> new double[MONTHS])[m] += d;
                }
            }
        }
        for (String agg : new TreeSet<>(num.keySet())) {
            String level = agg.equals("ENG") ? "england" : agg.startsWith("S") ? "system" : "region";
            for (int m = 0; m < MONTHS; m++) {
                iv.add(IndicatorValuesFixture.proportion(
                        level, agg, FIRST.plusMonths(m), "ind", num.get(agg)[m], den.get(agg)[m]));
            }
        }
        List<Row> o = new ArrayList<>();
        for (String t : new TreeSet<>(TRUSTS.keySet())) {
            o.add(IndicatorValuesFixture.org(t, "trust", TRUSTS.get(t)[0], TRUSTS.get(t)[1], null, null));
        }
        // P1 merged into T2 in 2023: T2's population changed inside its window.
        o.add(IndicatorValuesFixture.org("P1", "trust", "S1", "R1", LocalDate.of(2023, 1, 1), "T2"));
        for (String s : List.of("S1", "S2")) {
            o.add(IndicatorValuesFixture.org(s, "system", s, "R1", null, null));
        }
        for (String s : List.of("S3", "S4")) {
            o.add(IndicatorValuesFixture.org(s, "system", s, "R2", null, null));
        }
        o.add(IndicatorValuesFixture.org("R1", "region", null, "R1", null, null));
        o.add(IndicatorValuesFixture.org("R2", "region", null, "R2", null, null));
        values = spark.createDataFrame(iv, IndicatorValuesFixture.SCHEMA);
        orgs = spark.createDataFrame(o, IndicatorValuesFixture.ORGANISATIONS);
        register = RegisterYaml.parse("""
        - {id: A, title: "Triage", scope: {trusts: [T1]}, indicators: [ind], start: "2024-04",
           expected_direction: increase}
        - {id: B, title: "Second scheme", scope: {trusts: [T1]}, indicators: [ind], start: "2024-05",
           implementation_months: 1, expected_direction: increase}
        - {id: C, title: "System hub", scope: {system: S3}, indicators: [ind], start: "2024-04",
           expected_direction: increase, comparators: same_region}
        - {id: D, title: "Explicit", scope: {trusts: [T2]}, indicators: [ind], start: "2024-04",
           expected_direction: decrease, comparators: [T7, T8]}
        """, "test");
        RegisterValidator.requireValid(register, EvaluationTransform.coverage(values, orgs));
        effects = EvaluationTransform.effects(values, orgs, register, EvaluationOptions.defaults(), "run-1")
                .cache();
        rows = effects.collectAsList();
    }

    private static Row row(String id, String code, String method) {
        return rows.stream()
                .filter(r -> r.getAs("intervention_id").equals(id)
                        && r.getAs("org_code").equals(code)
                        && r.getAs("method").equals(method))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + code + method));
    }

    private static Set<String> caveats(Row r) {
        Set<String> out = new TreeSet<>();
        for (Row c : r.<Row>getList(r.fieldIndex("caveats"))) {
            out.add(c.getString(0));
        }
        return out;
    }

    private static List<String> comparators(Row r) {
        return r.getList(r.fieldIndex("comparator_codes"));
    }

    @Test
    void oneRowPerMethodPlusSummaryForEveryUnit() {
        // A:T1, B:T1, C: S3 + T5 + T6, D:T2
        assertEquals(6 * 6, rows.size());
        assertEquals(
                6,
                rows.stream().filter(r -> r.getAs("method").equals("summary")).count());
        assertEquals("system", row("C", "S3", "summary").getAs("org_level"));
        for (Row r : rows) {
            assertEquals(r.getAs("method").equals("summary"), r.getAs("attribution") != null);
            assertEquals("run-1", r.getAs("run_id"));
            assertNotNull(r.getAs("statement"));
        }
    }

    @Test
    void comparatorsAreUnexposedOrganisationsOfTheSameLevel() {
        // T2 (D) and T5, T6 (C's system) are exposed on the indicator, so they never serve as comparators.
        assertEquals(List.of("T3", "T4", "T7", "T8"), comparators(row("A", "T1", "did")));
        assertEquals(List.of("T7", "T8"), comparators(row("C", "T5", "did")), "same region, unexposed");
        assertEquals(List.of("S4"), comparators(row("C", "S3", "did")), "system level, same region");
        assertEquals(List.of("T7", "T8"), comparators(row("D", "T2", "did")), "explicit list");
        assertEquals("R1", row("A", "T1", "summary").getAs("context_series"));
        assertEquals("R2", row("C", "S3", "summary").getAs("context_series"));
    }

    @Test
    void theInjectedStepIsRecoveredAndConcurrentWorkFlagged() {
        for (String method : List.of("its", "did")) {
            Row r = row("A", "T1", method);
            double lo = r.getAs("ci_lower");
            double hi = r.getAs("ci_upper");
            assertTrue(lo <= STEP && STEP <= hi, method + " interval " + lo + ".." + hi);
        }
        double sc = row("A", "T1", "synthetic_control").getAs("estimate");
        assertEquals(STEP, sc, 0.02, "synthetic control estimate");
        Row summary = row("A", "T1", "summary");
        assertTrue(
                caveats(summary).contains("CONCURRENT_INTERVENTION"),
                caveats(summary).toString());
        assertTrue(caveats(row("B", "T1", "summary")).contains("CONCURRENT_INTERVENTION"));
        assertEquals("change_attribution_weak", summary.getAs("attribution"));
        assertTrue(summary.<String>getAs("statement").contains("rose by about"), summary.<String>getAs("statement"));
        assertTrue(!caveats(row("C", "T5", "summary")).contains("CONCURRENT_INTERVENTION"));
    }

    @Test
    void aRevisionThatMovedTheExposedSeriesInsideTheWindowIsCaveated() {
        // NHS England re-published June 2023 and T1's value moved; T2's revision (June 2019) is outside its window.
        Dataset<Row> revisions = spark.createDataFrame(
                List.of(
                        org.apache.spark.sql.RowFactory.create(
                                "trust",
                                "T1",
                                java.sql.Date.valueOf("2023-06-01"),
                                "ind",
                                "all",
                                0.70,
                                0.71,
                                "a",
                                "b",
                                "r"),
                        org.apache.spark.sql.RowFactory.create(
                                "trust",
                                "T2",
                                java.sql.Date.valueOf("2019-06-01"),
                                "ind",
                                "all",
                                0.70,
                                0.71,
                                "a",
                                "b",
                                "r")),
                uk.lhs.common.tables.VintageTables.REVISIONS.schema());
        List<Row> revised = EvaluationTransform.effects(
                        EvaluationTransform.withRevisions(values, revisions),
                        orgs,
                        register,
                        EvaluationOptions.defaults(),
                        "run-1")
                .where("method = 'summary'")
                .collectAsList();
        for (Row r : revised) {
            boolean t1 = r.getAs("org_code").equals("T1");
            assertEquals(t1, caveats(r).contains("REVISED_DATA"), r.getAs("intervention_id") + " " + caveats(r));
        }
        assertTrue(rows.stream().noneMatch(r -> caveats(r).contains("REVISED_DATA")), "no revisions, no caveat");
    }

    @Test
    void aMergerInTheWindowIsAnOrganisationChange() {
        assertTrue(caveats(row("D", "T2", "summary")).contains("ORG_CHANGE"));
        assertTrue(!caveats(row("C", "T6", "summary")).contains("ORG_CHANGE"));
    }

    @Test
    void detailsAreSortedNamedValuesAndMissingFiguresAreNull() {
        Row its = row("A", "T1", "its");
        List<String> names = new ArrayList<>();
        for (Row d : its.<Row>getList(its.fieldIndex("details"))) {
            names.add(d.getString(0));
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
        assertTrue(names.contains("slope_change"));
        assertNull(row("A", "T1", "spc").getAs("ci_lower"), "the SPC check has no interval");
    }

    @Test
    void writesToTheContractAndAReRunChangesNothing() {
        Lakehouse lakehouse =
                new Lakehouse(spark, SharedSpark.newLakehouse("evalstage").toString());
        DeltaTableWriter writer = new DeltaTableWriter(lakehouse, 2, "interval 30 days", "interval 30 days");
        WriteResult first = writer.write(EvaluationTables.INTERVENTION_EFFECTS, effects, "true");
        assertEquals(36, first.rowsInserted());
        Dataset<Row> again = EvaluationTransform.effects(values, orgs, register, EvaluationOptions.defaults(), "run-2")
                .cache();
        WriteResult second = writer.write(EvaluationTables.INTERVENTION_EFFECTS, again, "true");
        assertEquals(0, second.rowsInserted());
        assertEquals(0, second.rowsUpdated(), "identical inputs give identical rows (run_id is lineage only)");
        assertEquals(36, lakehouse.read(EvaluationTables.INTERVENTION_EFFECTS).count());
    }
}
