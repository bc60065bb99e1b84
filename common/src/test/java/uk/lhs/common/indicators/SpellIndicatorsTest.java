package uk.lhs.common.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.ConfidenceIntervals;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.testing.SharedSpark;

/**
 * The shipped spells catalog (conf/indicators/spells.yaml) on hand-made silver.spell_measures rows: T1 and T2 in
 * system S1 and region R1; T3 not in the reference ('unmapped').
 *
 * <pre>
 *   April         readmit_30d         readmit_30d_isr   los_mean (stays, days)   los_21plus
 *   T1  all       12 / 100            O 12, E 10.5      1, 2, 3, 10              0 / 4
 *       imd_q1..5 5 3 2 1 1 / 20 each
 *       sex_male  7 / 50
 *   T2  all       6 / 80              O 6, E 7.2        5, 5, 30                 1 / 3
 *       imd_q1..5 3 1 1 1 0 / 16 each
 *   T3  all       2 / 10
 *   May: T1 all 4 / 50, imd_q1..q4 2 1 1 0 / 10, no imd_q5 row; T2 los_mean and los_21plus with 0 spells.
 * </pre>
 */
class SpellIndicatorsTest {
    static final Date APR = Date.valueOf("2024-04-01");
    static final Date MAY = Date.valueOf("2024-05-01");
    static final Timestamp AT = Timestamp.valueOf("2024-06-01 00:00:00");
    static final double[] LOS_T1 = {1, 2, 3, 10};
    static final double[] LOS_T2 = {5, 5, 30};

    static IndicatorCatalog catalog;
    static Dataset<Row> values;
    static final Map<String, Row> BY_KEY = new HashMap<>();
    static final Map<String, Row> INEQUALITY = new HashMap<>();

    @BeforeAll
    static void compute() {
        SparkSession spark = SharedSpark.session();
        catalog = CatalogLoader.load(uk.lhs.common.testing.SharedData.repoRoot().resolve("conf/indicators"));
        List<Row> m = new ArrayList<>();
        m.add(measure("T1", APR, "readmit_30d", "all", 12, 100));
        double[] q1 = {5, 3, 2, 1, 1};
        double[] q2 = {3, 1, 1, 1, 0};
        for (int i = 0; i < 5; i++) {
            m.add(measure("T1", APR, "readmit_30d", "imd_q" + (i + 1), q1[i], 20));
            m.add(measure("T2", APR, "readmit_30d", "imd_q" + (i + 1), q2[i], 16));
        }
        m.add(measure("T1", APR, "readmit_30d", "sex_male", 7, 50));
        m.add(measure("T2", APR, "readmit_30d", "all", 6, 80));
        m.add(measure("T3", APR, "readmit_30d", "all", 2, 10));
        m.add(RowFactory.create("T1", APR, "readmit_30d_isr", "all", 12.0, 100.0, 12.0, 10.5, null, "r"));
        m.add(RowFactory.create("T2", APR, "readmit_30d_isr", "all", 6.0, 80.0, 6.0, 7.2, null, "r"));
        m.add(los("T1", APR, LOS_T1));
        m.add(los("T2", APR, LOS_T2));
        m.add(measure("T1", APR, "los_21plus", "all", 0, 4));
        m.add(measure("T2", APR, "los_21plus", "all", 1, 3));
        m.add(measure("T1", MAY, "readmit_30d", "all", 4, 50));
        double[] may = {2, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            m.add(measure("T1", MAY, "readmit_30d", "imd_q" + (i + 1), may[i], 10));
        }
        m.add(RowFactory.create("T2", MAY, "los_mean", "all", 0.0, 0.0, null, null, 0.0, "r"));
        m.add(measure("T2", MAY, "los_21plus", "all", 0, 0));
        Dataset<Row> spellMeasures = spark.createDataFrame(m, SpellTables.SPELL_MEASURES.schema());
        Dataset<Row> orgs = spark.createDataFrame(
                List.of(
                        org("T1", "Trust One", "trust", "S1", "R1"),
                        org("T2", "Trust Two", "trust", "S1", "R1"),
                        org("S1", "System One", "system", null, "R1"),
                        org("R1", "Region One", "region", null, null)),
                IngestTables.ORGANISATIONS.schema());
        Dataset<Row> measures = IndicatorTransforms.trustMeasures(
                catalog, Map.of(IndicatorDatasets.SPELL_MEASURES, IndicatorTransforms.placed(spellMeasures, orgs)));
        values = IndicatorEngine.values(measures, orgs, catalog, null, "run-1", AT)
                .cache();
        for (Row r : values.collectAsList()) {
            BY_KEY.put(
                    key(
                            r.getAs("indicator_id"),
                            r.getAs("org_level"),
                            r.getAs("org_code"),
                            r.getAs("period_start"),
                            r.getAs("stratum")),
                    r);
        }
        for (Row r : InequalityTransform.inequality(values, InequalityTransform.GOLD_REPETITIONS, "run-1", AT)
                .collectAsList()) {
            INEQUALITY.put(
                    key(
                            r.getAs("indicator_id"),
                            r.getAs("org_level"),
                            r.getAs("org_code"),
                            r.getAs("period_start"),
                            r.getAs("dimension")),
                    r);
        }
    }

    static Row measure(String org, Date month, String id, String stratum, double num, double den) {
        return RowFactory.create(org, month, id, stratum, num, den, null, null, null, "r");
    }

    static Row los(String org, Date month, double[] stays) {
        double sum = 0;
        double squares = 0;
        for (double d : stays) {
            sum += d;
            squares += d * d;
        }
        return RowFactory.create(org, month, "los_mean", "all", sum, (double) stays.length, null, null, squares, "r");
    }

    static Row org(String code, String name, String level, String system, String region) {
        return RowFactory.create(code, name, level, system, null, region, null, null, null, null, "test", "r");
    }

    static String key(Object... parts) {
        return java.util.Arrays.toString(parts);
    }

    static Row row(String id, String level, String code, Date month, String stratum) {
        Row r = BY_KEY.get(key(id, level, code, month, stratum));
        assertTrue(r != null, "no row for " + key(id, level, code, month, stratum));
        return r;
    }

    @Test
    void everyStratumIsSummedAtEveryLevel() {
        Row s1 = row("readmit_30d", "system", "S1", APR, "imd_q1");
        assertEquals(8.0, s1.<Double>getAs("numerator"));
        assertEquals(36.0, s1.<Double>getAs("denominator"));
        assertEquals(8.0 / 36, s1.<Double>getAs("value"), 1e-12);
        assertEquals(ConfidenceIntervals.wilsonLower(8, 36, 0.95), s1.<Double>getAs("ci_lower"), 1e-12);
        assertEquals(
                1.0 / 36, row("readmit_30d", "england", "ENG", APR, "imd_q5").<Double>getAs("value"), 1e-12);
        // England 'all' = T1 + T2 + the unmapped T3.
        Row eng = row("readmit_30d", "england", "ENG", APR, "all");
        assertEquals(20.0, eng.<Double>getAs("numerator"));
        assertEquals(190.0, eng.<Double>getAs("denominator"));
        assertEquals(2.0, row("readmit_30d", "system", "unmapped", APR, "all").<Double>getAs("numerator"));
        assertEquals(
                7.0 / 50, row("readmit_30d", "region", "R1", APR, "sex_male").<Double>getAs("value"), 1e-12);
        for (String level : List.of("trust", "system", "region", "england")) {
            long strata = values.where("indicator_id = 'readmit_30d' AND org_level = '" + level + "'")
                    .select("stratum")
                    .distinct()
                    .count();
            assertEquals(7, strata, "all, imd_q1..5, sex_male at " + level);
        }
        assertEquals(
                "Trust One", row("readmit_30d", "trust", "T1", APR, "imd_q3").getAs("org_name"));
    }

    @Test
    void theIsrSumsObservedAndExpectedWithExactOrByarLimits() {
        Row t2 = row("readmit_30d_isr", "trust", "T2", APR, "all");
        assertEquals(6 / 7.2, t2.<Double>getAs("value"), 1e-12);
        // Fewer than 10 observed: exact Poisson limits.
        assertEquals(ConfidenceIntervals.exactPoissonLower(6, 0.95) / 7.2, t2.<Double>getAs("ci_lower"), 1e-12);
        assertEquals(ConfidenceIntervals.exactPoissonUpper(6, 0.95) / 7.2, t2.<Double>getAs("ci_upper"), 1e-12);
        Row s1 = row("readmit_30d_isr", "system", "S1", APR, "all");
        assertEquals(18.0, s1.<Double>getAs("numerator"));
        assertEquals(17.7, s1.<Double>getAs("denominator"), 1e-12);
        assertEquals(18 / 17.7, s1.<Double>getAs("value"), 1e-12);
        assertTrue(Math.abs(18 / 17.7 - (12 / 10.5 + 6 / 7.2) / 2) > 0.01, "the example tells ΣO/ΣE from mean of ISRs");
        // Byar from 10 observed: (1 - 1/(9·18) - z/(3·√18))³ · 18 / 17.7.
        double z = 1.959963984540054;
        assertEquals(
                Math.pow(1 - 1 / (9.0 * 18) - z / (3 * Math.sqrt(18)), 3) * 18 / 17.7,
                s1.<Double>getAs("ci_lower"),
                1e-9);
        assertEquals(
                Math.pow(1 - 1 / (9.0 * 19) + z / (3 * Math.sqrt(19)), 3) * 19 / 17.7,
                s1.<Double>getAs("ci_upper"),
                1e-9);
        assertEquals("1.02", s1.getAs("value_display"));
    }

    @Test
    void meanLengthOfStayPoolsTheStaysWithAStudentInterval() {
        double[] pooled = {1, 2, 3, 10, 5, 5, 30};
        double mean = java.util.Arrays.stream(pooled).average().orElseThrow();
        double var = java.util.Arrays.stream(pooled)
                        .map(x -> (x - mean) * (x - mean))
                        .sum()
                / (pooled.length - 1);
        // qt(0.975, 6) = 2.446912 (R); two-pass variance here, one-pass sums in the engine.
        double half = 2.4469118511449692 * Math.sqrt(var / pooled.length);
        Row s1 = row("los_mean", "system", "S1", APR, "all");
        assertEquals(mean, s1.<Double>getAs("value"), 1e-12);
        assertEquals(mean - half, s1.<Double>getAs("ci_lower"), 1e-9);
        assertEquals(mean + half, s1.<Double>getAs("ci_upper"), 1e-9);
        assertEquals("8.0 days", s1.getAs("value_display"));
        assertEquals("mean", s1.getAs("measure_type"));
    }

    @Test
    void zeroDenominatorsAreNoDataAndMissingMembersMakeAggregatesPartial() {
        for (String id : List.of("los_mean", "los_21plus")) {
            Row t2 = row(id, "trust", "T2", MAY, "all");
            assertEquals(IndicatorTables.STATUS_NO_DATA, t2.getAs("status"), id);
            assertNull(t2.getAs("value"), id);
            assertNull(t2.getAs("value_display"), id);
        }
        // T1 has no imd_q5 row in May although it is a member of that stratum: no_data, never 0.
        assertEquals(
                IndicatorTables.STATUS_NO_DATA,
                row("readmit_30d", "trust", "T1", MAY, "imd_q5").getAs("status"));
        assertEquals(
                IndicatorTables.STATUS_PARTIAL,
                row("readmit_30d", "system", "S1", MAY, "all").getAs("status"));
        Row zero = row("los_21plus", "trust", "T1", APR, "all");
        assertEquals(0.0, zero.<Double>getAs("value"), "0 long stays out of 4 is data");
        assertEquals("0.0%", zero.getAs("value_display"));
    }

    @Test
    void dashboardColumnsCarryTitleDisplayAndCatalogOrder() {
        Row r = row("readmit_30d", "trust", "T1", APR, "all");
        assertEquals("Emergency readmissions within 30 days of discharge", r.getAs("indicator_title"));
        assertEquals("12.0%", r.getAs("value_display"));
        List<Indicator> all = catalog.indicators();
        int expected = 1 + all.indexOf(catalog.byId("readmit_30d").orElseThrow());
        assertEquals(expected, r.<Integer>getAs("sort_order"));
        assertEquals(expected + 2, row("los_mean", "trust", "T1", APR, "all").<Integer>getAs("sort_order"));
    }

    @Test
    void siiAndRiiMatchAWeightedLeastSquaresFitOfTheQuintiles() {
        Row s1 = INEQUALITY.get(key("readmit_30d", "system", "S1", APR, "imd"));
        assertEquals(IndicatorTables.STATUS_OK, s1.getAs("status"));
        double[] num = {8, 4, 3, 2, 1};
        double[] pop = {36, 36, 36, 36, 36};
        double[] fit = weightedFit(num, pop);
        assertEquals(fit[1], s1.<Double>getAs("sii"), 1e-12);
        assertEquals((fit[0] + fit[1]) / fit[0], s1.<Double>getAs("rii"), 1e-12);
        assertTrue(s1.<Double>getAs("sii") < 0, "readmissions fall from most to least deprived");
        assertTrue(s1.<Double>getAs("sii_lower") < fit[1] && fit[1] < s1.<Double>getAs("sii_upper"));
        assertTrue(s1.<Double>getAs("rii_lower") < s1.<Double>getAs("rii")
                && s1.<Double>getAs("rii") < s1.<Double>getAs("rii_upper"));
        assertEquals(InequalityTransform.GOLD_REPETITIONS, s1.<Integer>getAs("repetitions"));
        assertEquals("proportion", s1.getAs("value_type"));
    }

    @Test
    void inequalityIsSkippedWithAStatusWhenAQuintileCannotBeUsed() {
        // T2's imd_q5 is 0 of 16: a proportion of 0 has no logit, as in phe_sii.
        Row t2 = INEQUALITY.get(key("readmit_30d", "trust", "T2", APR, "imd"));
        assertEquals(IndicatorTables.INEQUALITY_NOT_COMPUTABLE, t2.getAs("status"));
        assertNull(t2.getAs("sii"));
        // T1 in May: imd_q5 has no data.
        Row may = INEQUALITY.get(key("readmit_30d", "trust", "T1", MAY, "imd"));
        assertEquals(IndicatorTables.INEQUALITY_NO_QUINTILE, may.getAs("status"));
        assertEquals(4, may.<Integer>getAs("quantiles"), "imd_q4 is 0 of 10 but has data; imd_q5 none");
        assertNull(may.getAs("rii"));
        // No quintile strata at all (los_mean here): no row.
        assertFalse(INEQUALITY.containsKey(key("los_mean", "system", "S1", APR, "imd")));
    }

    /**
     * Intercept and slope of the least-squares line of value on the rank midpoint weighted by population share,
     * by the normal equations with weighted means (an independent formulation of PHE's regression).
     */
    static double[] weightedFit(double[] num, double[] pop) {
        double total = java.util.Arrays.stream(pop).sum();
        double before = 0;
        double sw = 0;
        double sb = 0;
        double sy = 0;
        double[] a = new double[num.length];
        double[] b = new double[num.length];
        double[] y = new double[num.length];
        for (int i = 0; i < num.length; i++) {
            a[i] = pop[i] / total;
            b[i] = before + a[i] / 2;
            before += a[i];
            y[i] = num[i] / pop[i];
            sw += a[i];
            sb += a[i] * b[i];
            sy += a[i] * y[i];
        }
        double mb = sb / sw;
        double my = sy / sw;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < num.length; i++) {
            sxy += a[i] * (b[i] - mb) * (y[i] - my);
            sxx += a[i] * (b[i] - mb) * (b[i] - mb);
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mb, slope};
    }
}
