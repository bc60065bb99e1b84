package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.stats.BandedPercentile;
import uk.lhs.common.stats.ConfidenceIntervals;
import uk.lhs.common.stats.Estimate;
import uk.lhs.common.stats.SpiegelhalterFunnel;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.vocab.Unmapped;

/**
 * A hand-checked three-trust example: T1 and T2 in system S1, T3 with no system ('unmapped'), all in region R1.
 *
 * <pre>
 *            April: att  over4  within     May: att  over4
 *   T1              100     20      80           200     50
 *   T2               50      5      45             0      0   (zero denominator: no_data)
 *   T3               30      3      27          (no row)      (missing: no_data)
 *   S1 = T1+T2      150            125           200    -> 150/200, partial (T2 has no data)
 *   unmapped = T3    30             27          no_data
 *   R1 = ENG        180            152           200    -> 150/200, partial
 * </pre>
 */
class IndicatorEngineTest {
    static final Date APR = Date.valueOf("2024-04-01");
    static final Date MAY = Date.valueOf("2024-05-01");
    static final Timestamp AT = Timestamp.valueOf("2024-06-01 00:00:00");

    static final String CATALOG = """
      indicators:
        - id: four_hr
          title: Four hours
          description: within 4h
          dataset: ae_monthly
          type: proportion
          numerator: att_type1 - over4_type1
          denominator: att_type1
          unit: proportion
          improvement_direction: increase
          chart_type: pprime
          targets: [{value: 0.95, from: 2010-07, source: standard}]
          source: s
          methodology: m
        - id: attendances
          title: Attendances
          description: count
          dataset: ae_monthly
          type: count
          numerator: att_type1
          unit: attendances
          improvement_direction: neutral
          chart_type: xmr
          source: s
          methodology: m
        - id: median
          title: Median wait
          description: median of summed bands
          dataset: rtt_incomplete
          filter: treatment_function_code = 'C_999'
          type: percentile
          bands: bands
          percentile: 0.5
          denominator: total_pathways
          unit: weeks
          improvement_direction: decrease
          chart_type: xmr
          source: s
          methodology: m
      """;

    static SparkSession spark;
    static IndicatorCatalog catalog;
    static Dataset<Row> values;
    static Dataset<Row> measures;
    static Dataset<Row> orgs;
    static Map<String, Row> byKey = new HashMap<>();
    static long[] bandsT1 = new long[105];
    static long[] bandsT2 = new long[105];

    @BeforeAll
    static void compute() {
        spark = SharedSpark.session();
        catalog = CatalogLoader.parse(Map.of("test.yaml", CATALOG));
        StructType ae = new StructType()
                .add("org_code", DataTypes.StringType)
                .add("period_start", DataTypes.DateType)
                .add("org_name", DataTypes.StringType)
                .add("system_code", DataTypes.StringType)
                .add("region_code", DataTypes.StringType)
                .add("att_type1", DataTypes.LongType)
                .add("over4_type1", DataTypes.LongType);
        Dataset<Row> aeRows = spark.createDataFrame(
                List.of(
                        RowFactory.create("T1", APR, "T1 as published", "S1", "R1", 100L, 20L),
                        RowFactory.create("T2", APR, "T2 as published", "S1", "R1", 50L, 5L),
                        RowFactory.create("T3", APR, "T3 as published", "unmapped", "R1", 30L, 3L),
                        RowFactory.create("T1", MAY, "T1 as published", "S1", "R1", 200L, 50L),
                        RowFactory.create("T2", MAY, "T2 as published", "S1", "R1", 0L, 0L)),
                ae);
        bandsT1[0] = 10;
        bandsT1[5] = 30;
        bandsT2[2] = 20;
        bandsT2[40] = 40;
        StructType rtt = new StructType()
                .add("org_code", DataTypes.StringType)
                .add("period_start", DataTypes.DateType)
                .add("system_code", DataTypes.StringType)
                .add("region_code", DataTypes.StringType)
                .add("treatment_function_code", DataTypes.StringType)
                .add("bands", DataTypes.createArrayType(DataTypes.LongType))
                .add("total_pathways", DataTypes.LongType);
        Dataset<Row> rttRows = spark.createDataFrame(
                List.of(
                        RowFactory.create("T1", APR, "S1", "R1", "C_999", boxed(bandsT1), 40L),
                        RowFactory.create("T2", APR, "S1", "R1", "C_999", boxed(bandsT2), 60L),
                        // A treatment-function row must not be counted again.
                        RowFactory.create("T2", APR, "S1", "R1", "C_100", boxed(bandsT2), 60L)),
                rtt);
        orgs = spark.createDataFrame(
                List.of(
                        RowFactory.create("T1", "Trust One"),
                        RowFactory.create("S1", "System One"),
                        RowFactory.create("R1", "Region One")),
                new StructType().add("org_code", DataTypes.StringType).add("org_name", DataTypes.StringType));
        measures = IndicatorTransforms.trustMeasures(
                catalog, Map.of(IndicatorDatasets.AE_MONTHLY, aeRows, IndicatorDatasets.RTT_INCOMPLETE, rttRows));
        values = IndicatorEngine.values(measures, orgs, catalog, null, "run-1", AT)
                .cache();
        for (Row r : values.collectAsList()) {
            byKey.put(
                    r.<String>getAs("indicator_id") + "|" + r.getAs("org_level") + "|" + r.getAs("org_code") + "|"
                            + r.getAs("period_start"),
                    r);
        }
    }

    static List<Long> boxed(long[] a) {
        List<Long> out = new ArrayList<>();
        Arrays.stream(a).forEach(out::add);
        return out;
    }

    static Row row(String id, String level, String code, Date month) {
        Row r = byKey.get(id + "|" + level + "|" + code + "|" + month);
        assertTrue(r != null, "no row for " + id + " " + level + " " + code + " " + month);
        return r;
    }

    static void assertRow(Row r, Double num, Double den, String status) {
        assertEquals(num, r.<Double>getAs("numerator"), "numerator of " + r);
        assertEquals(den, r.<Double>getAs("denominator"), "denominator of " + r);
        assertEquals(status, r.getAs("status"), "status of " + r);
        if (num != null && den != null && !"no_data".equals(status)) {
            assertEquals(num / den, r.<Double>getAs("value"), 1e-12);
        }
    }

    /**
     * The has-data rule as a Spark expression gives IndicatorMath.hasData's answer for every measure type and every
     * pairing of null, NaN, negative, zero and positive numerator and denominator (6 x 6 x 6 = 216 cases).
     */
    @Test
    void hasDataExpressionMatchesTheJavaRule() {
        Double[] values = {null, Double.NaN, -1.0, 0.0, 0.5, 7.0};
        List<Row> rows = new ArrayList<>();
        for (MeasureType type : MeasureType.values()) {
            for (Double n : values) {
                for (Double d : values) {
                    rows.add(RowFactory.create(type.name(), n, d));
                }
            }
        }
        StructType schema = new StructType()
                .add("measure_type", DataTypes.StringType)
                .add("numerator", DataTypes.DoubleType)
                .add("denominator", DataTypes.DoubleType);
        List<Row> out = spark.createDataFrame(rows, schema)
                .select(
                        col("measure_type"),
                        col("numerator"),
                        col("denominator"),
                        IndicatorTransforms.hasData(col("measure_type"), col("numerator"), col("denominator")))
                .collectAsList();
        assertEquals(rows.size(), out.size());
        int withData = 0;
        for (Row r : out) {
            Double n = r.isNullAt(1) ? null : r.getDouble(1);
            Double d = r.isNullAt(2) ? null : r.getDouble(2);
            boolean expected = IndicatorMath.hasData(MeasureType.valueOf(r.getString(0)), n, d);
            assertTrue(!r.isNullAt(3), "never null: " + r);
            assertEquals(expected, r.getBoolean(3), r.toString());
            withData += expected ? 1 : 0;
        }
        assertTrue(withData > 0 && withData < out.size(), withData + " of " + out.size());
    }

    @Test
    void trustsSumToSystemRegionAndEngland() {
        assertRow(row("four_hr", "trust", "T1", APR), 80.0, 100.0, "ok");
        assertRow(row("four_hr", "system", "S1", APR), 125.0, 150.0, "ok");
        assertRow(row("four_hr", "system", "unmapped", APR), 27.0, 30.0, "ok");
        assertRow(row("four_hr", "region", "R1", APR), 152.0, 180.0, "ok");
        assertRow(row("four_hr", "england", "ENG", APR), 152.0, 180.0, "ok");
        assertEquals(
                4 + 4,
                values.where("indicator_id = 'four_hr' AND org_level <> 'trust'")
                        .count(),
                "S1, unmapped, R1 and ENG in each of two months");
        Row eng = row("four_hr", "england", "ENG", APR);
        assertEquals(0.95, eng.<Double>getAs("target"));
        assertEquals("England", eng.getAs("org_name"));
        assertEquals("all", eng.getAs("stratum"));
        assertEquals(3, eng.<Integer>getAs("member_trusts"));
        assertTrue(eng.<Double>getAs("ci_lower") < 152.0 / 180 && eng.<Double>getAs("ci_upper") > 152.0 / 180);
    }

    @Test
    void zeroAndMissingDenominatorsAreNoDataAndMakeAggregatesPartial() {
        Row t2 = row("four_hr", "trust", "T2", MAY);
        assertEquals("no_data", t2.getAs("status"));
        assertNull(t2.getAs("value"));
        Row t3 = row("four_hr", "trust", "T3", MAY);
        assertEquals("no_data", t3.getAs("status"));
        assertNull(t3.getAs("value"));
        assertRow(row("four_hr", "system", "S1", MAY), 150.0, 200.0, "partial");
        assertEquals(1, row("four_hr", "system", "S1", MAY).<Integer>getAs("member_trusts_with_data"));
        assertEquals("no_data", row("four_hr", "system", "unmapped", MAY).getAs("status"));
        assertRow(row("four_hr", "england", "ENG", MAY), 150.0, 200.0, "partial");
        // A count of zero is data, not missing: T2's 0 attendances in May.
        Row zero = row("attendances", "trust", "T2", MAY);
        assertEquals("ok", zero.getAs("status"));
        assertEquals(0.0, zero.<Double>getAs("value"));
        assertEquals("no_data", row("attendances", "trust", "T3", MAY).getAs("status"));
        assertEquals(180.0, row("attendances", "england", "ENG", APR).<Double>getAs("value"));
    }

    @Test
    void namesComeFromTheReferenceThenAsPublished() {
        assertEquals("Trust One", row("four_hr", "trust", "T1", APR).getAs("org_name"));
        assertEquals("T2 as published", row("four_hr", "trust", "T2", APR).getAs("org_name"));
        assertEquals("T3 as published", row("four_hr", "trust", "T3", MAY).getAs("org_name"));
        assertEquals("System One", row("four_hr", "system", "S1", APR).getAs("org_name"));
        assertEquals(Unmapped.NAME, row("four_hr", "system", "unmapped", APR).getAs("org_name"));
    }

    @Test
    void percentilesComeFromSummedBandsAtEveryLevel() {
        long[] summed = new long[105];
        for (int i = 0; i < 105; i++) {
            summed[i] = bandsT1[i] + bandsT2[i];
        }
        double expected =
                BandedPercentile.percentile(summed, new BigDecimal("0.5")).getAsDouble();
        Row s1 = row("median", "system", "S1", APR);
        assertEquals(expected, s1.<Double>getAs("value"), 1e-12);
        assertEquals(100.0, s1.<Double>getAs("denominator"), "C_100 rows are filtered out");
        double meanOfMedians = (row("median", "trust", "T1", APR).<Double>getAs("value")
                        + row("median", "trust", "T2", APR).<Double>getAs("value"))
                / 2;
        assertTrue(Math.abs(expected - meanOfMedians) > 1, "the example must tell summing from averaging");
        assertEquals(expected, row("median", "england", "ENG", APR).<Double>getAs("value"), 1e-12);
    }

    @Test
    void onePeriodComputesOnlyThatMonthButKnowsTheMembers() {
        List<Row> may = IndicatorEngine.values(measures, orgs, catalog, MAY.toLocalDate(), "run-2", AT)
                .where("indicator_id = 'four_hr'")
                .collectAsList();
        assertTrue(may.stream().allMatch(r -> MAY.equals(r.getAs("period_start"))));
        // T3 reported only in April, yet it is a member in May: a no_data row, and England is partial.
        assertTrue(may.stream().anyMatch(r -> "T3".equals(r.getAs("org_code")) && "no_data".equals(r.getAs("status"))));
        assertTrue(
                may.stream().anyMatch(r -> "ENG".equals(r.getAs("org_code")) && "partial".equals(r.getAs("status"))));
        assertEquals(3 + 4, may.size());
    }

    @Test
    void thePublishedViewSuppressesSmallCountsAndRoundsTheRest() {
        Dataset<Row> template = values.where("indicator_id = 'attendances' AND org_level = 'trust' AND org_code = 'T1'"
                + " AND period_start = DATE'2024-04-01'");
        Dataset<Row> counts = template.crossJoin(spark.createDataFrame(
                        Arrays.stream(new double[] {0, 1, 7, 8, 12, 13})
                                .mapToObj(x -> RowFactory.create(x))
                                .toList(),
                        new StructType().add("x", DataTypes.DoubleType)))
                .withColumn("org_code", org.apache.spark.sql.functions.expr("CAST(x AS STRING)"))
                .withColumn("numerator", col("x"))
                .withColumn("value", col("x"))
                .drop("x");
        Map<String, Row> out = new HashMap<>();
        Disclosure.published(counts, measures, catalog, Thresholds.NHS)
                .collectAsList()
                .forEach(r -> out.put(r.getAs("org_code"), r));
        assertEquals(0.0, out.get("0.0").<Double>getAs("value"));
        assertEquals("ok", out.get("0.0").getAs("status"));
        assertEquals(
                ConfidenceIntervals.count(0, ConfidenceIntervals.CONFIDENCE_95).upper(),
                out.get("0.0").<Double>getAs("ci_upper"),
                1e-12,
                "the interval of the published count");
        for (String small : List.of("1.0", "7.0")) {
            assertEquals("suppressed", out.get(small).getAs("status"));
            assertNull(out.get(small).getAs("numerator"));
            assertNull(out.get(small).getAs("value"));
        }
        assertEquals(10.0, out.get("8.0").<Double>getAs("value"));
        assertEquals(10.0, out.get("12.0").<Double>getAs("numerator"));
        assertEquals(15.0, out.get("13.0").<Double>getAs("value"));
        assertEquals("ok", out.get("13.0").getAs("status"));
        assertEquals(8, out.get("13.0").<Integer>getAs("suppress_below"));
        assertEquals(5, out.get("13.0").<Integer>getAs("round_to"));

        Row proportion = Disclosure.published(
                        values.where("indicator_id = 'four_hr' AND org_code = 'T2'"
                                        + " AND period_start = DATE'2024-04-01'")
                                .withColumn("numerator", org.apache.spark.sql.functions.lit(43.0))
                                .withColumn("denominator", org.apache.spark.sql.functions.lit(52.0)),
                        measures,
                        catalog,
                        Thresholds.NHS)
                .first();
        assertEquals(45.0, proportion.<Double>getAs("numerator"));
        assertEquals(50.0, proportion.<Double>getAs("denominator"));
        assertEquals(0.9, proportion.<Double>getAs("value"), 1e-12, "value from the published counts, not 43/52");
        Estimate wilson = ConfidenceIntervals.proportion(45, 50, ConfidenceIntervals.CONFIDENCE_95, 1.0);
        assertEquals(wilson.lower(), proportion.<Double>getAs("ci_lower"), 1e-12);
        assertEquals(wilson.upper(), proportion.<Double>getAs("ci_upper"), 1e-12);
        Row smallDenominator = Disclosure.published(
                        values.where("indicator_id = 'four_hr' AND org_code = 'T1'"
                                        + " AND period_start = DATE'2024-04-01'")
                                .withColumn("denominator", org.apache.spark.sql.functions.lit(5.0))
                                .withColumn("numerator", org.apache.spark.sql.functions.lit(4.0)),
                        measures,
                        catalog,
                        Thresholds.NHS)
                .first();
        assertEquals("suppressed", smallDenominator.getAs("status"));
        assertEquals(
                IndicatorTables.INDICATOR_VALUES_PUBLISHED.schema().fieldNames().length,
                smallDenominator.schema().fieldNames().length);
    }

    @Test
    void funnelPointsMatchSpiegelhalterOnTheSameTrusts() {
        List<Row> points = FunnelTransforms.funnelPoints(values, catalog, "run-1", AT)
                .where("period_start = DATE'2024-04-01'")
                .orderBy("org_code")
                .collectAsList();
        assertEquals(3, points.size());
        SpiegelhalterFunnel.Result expected = SpiegelhalterFunnel.compute(
                new double[] {80, 45, 27},
                new double[] {100, 50, 30},
                SpiegelhalterFunnel.Options.defaults(SpiegelhalterFunnel.DataType.PR));
        for (int i = 0; i < 3; i++) {
            Row p = points.get(i);
            SpiegelhalterFunnel.Unit u = expected.units().get(i);
            assertEquals(expected.target(), p.<Double>getAs("target"), 1e-12);
            assertEquals(u.z(), p.<Double>getAs("z"), 1e-12);
            assertEquals(u.applied().lower998(), p.<Double>getAs("lower_998"), 1e-12);
            assertEquals(u.applied().upper95(), p.<Double>getAs("upper_95"), 1e-12);
            assertEquals(expected.tau2(), p.<Double>getAs("tau2"), 1e-12);
            assertEquals(u.at95().name().toLowerCase(java.util.Locale.ROOT), p.getAs("position_95"));
        }
        // May has one trust with data: a funnel of one, still computed per group.
        assertEquals(
                1,
                FunnelTransforms.funnelPoints(values, catalog, "run-1", AT)
                        .where("period_start = DATE'2024-05-01'")
                        .count());
    }
}
