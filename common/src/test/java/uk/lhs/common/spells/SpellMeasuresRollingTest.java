package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedSpark;

/**
 * The rolling 12-month readmission measures of {@link SpellMeasures#aggregate} on hand-made scored discharges, and the
 * order independence of their expected counts.
 *
 * <pre>
 *   months 2024-01 .. 2025-02; 2025-02 without complete follow-up (the data's reach)
 *   A: 10 discharges a month (age 70), (month number mod 3) readmitted; one more discharge aged 10 in 2024-05 only
 *   B: as A but no discharge in 2024-01
 * </pre>
 */
class SpellMeasuresRollingTest {
    private static final StructType SCORED = new StructType()
            .add("org_code", DataTypes.StringType)
            .add("period_start", DataTypes.DateType)
            .add("imd_decile", DataTypes.IntegerType)
            .add("age_years", DataTypes.IntegerType)
            .add("sex", DataTypes.StringType)
            .add("in_denominator", DataTypes.BooleanType)
            .add("follow_up_complete", DataTypes.BooleanType)
            .add("readmitted", DataTypes.BooleanType)
            .add("expected_p", DataTypes.DoubleType)
            .add("expected_cell", DataTypes.DoubleType)
            .add("patient_class", DataTypes.StringType)
            .add("los_days", DataTypes.IntegerType);
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final int MONTHS = 14;
    private static final List<Row> ROWS = new ArrayList<>();
    /** Exact Σ expected_p and Σ expected_cell per trust and month (stratum all). */
    private static final Map<String, BigDecimal[]> EXACT = new HashMap<>();

    private static final Map<String, Row> OUT = new HashMap<>();

    @BeforeAll
    static void aggregate() {
        SplittableRandom random = new SplittableRandom(12);
        for (String org : List.of("A", "B")) {
            for (int m = 0; m < MONTHS; m++) {
                LocalDate month = FIRST.plusMonths(m);
                if (org.equals("B") && m == 0) {
                    continue;
                }
                for (int i = 0; i < 10; i++) {
                    // Probabilities over many orders of magnitude, whose plain double sum depends on the order.
                    double p = Math.exp(-25 * random.nextDouble());
                    add(org, month, 70, i < month.getMonthValue() % 3, p, 0.2, m < MONTHS - 1);
                }
                if (org.equals("A") && month.equals(LocalDate.of(2024, 5, 1))) {
                    add(org, month, 10, true, 0.5, 0.25, true);
                }
            }
        }
        for (Row r : SpellMeasures.aggregate(scored(false), "t").collectAsList()) {
            OUT.put(key(r.getAs("org_code"), r.getAs("period_start"), r.getAs("indicator_id"), r.getAs("stratum")), r);
        }
    }

    private static void add(
            String org, LocalDate month, int age, boolean readmitted, double p, double cell, boolean followedUp) {
        ROWS.add(RowFactory.create(
                org, Date.valueOf(month), 1, age, "1", true, followedUp, readmitted, p, cell, "1", 2));
        if (followedUp) {
            BigDecimal[] e =
                    EXACT.computeIfAbsent(org + month, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            // SpellMeasures rounds each value once to 18 decimal places, then adds exactly.
            e[0] = e[0].add(new BigDecimal(p).setScale(18, RoundingMode.HALF_UP));
            e[1] = e[1].add(new BigDecimal(cell).setScale(18, RoundingMode.HALF_UP));
        }
    }

    private static Dataset<Row> scored(boolean shuffled) {
        Dataset<Row> d = SharedSpark.session().createDataFrame(ROWS, SCORED);
        return shuffled ? d.orderBy(col("expected_p").desc()).repartition(3) : d.coalesce(1);
    }

    private static String key(Object... parts) {
        return java.util.Arrays.toString(parts);
    }

    private static Row get(String org, String month, String id, String stratum) {
        return OUT.get(key(org, Date.valueOf(month + "-01"), id, stratum));
    }

    @Test
    void aWindowSumsItsTwelveMonthsOnlyWhenEveryMonthIsFollowedUp() {
        Row a = get("A", "2024-12", "readmit_30d_12m", "all");
        int readmissions = 0;
        for (int m = 1; m <= 12; m++) {
            readmissions += Math.min(10, m % 3);
        }
        // Plus the one readmitted discharge aged 10 in May 2024.
        assertEquals(readmissions + 1, a.<Double>getAs("numerator"), 0.0);
        assertEquals(121.0, a.<Double>getAs("denominator"), 0.0);
        assertTrue(get("A", "2025-01", "readmit_30d_12m", "all") != null, "January 2025 closes a complete window");
        assertEquals(null, get("A", "2024-11", "readmit_30d_12m", "all"), "11 months of data only");
        assertEquals(null, get("A", "2025-02", "readmit_30d_12m", "all"), "February 2025 is not followed up");
        assertEquals(null, get("B", "2024-12", "readmit_30d_12m", "all"), "B has no discharge in January 2024");
        assertEquals(120.0, get("B", "2025-01", "readmit_30d_12m", "all").<Double>getAs("denominator"), 0.0);
        // The monthly measures are unchanged beside them.
        assertEquals(10.0, get("A", "2024-12", "readmit_30d", "all").<Double>getAs("denominator"), 0.0);
    }

    @Test
    void aStratumWithDischargesInOneMonthOfTheWindowGetsItsTwelveMonthRow() {
        Row young = get("A", "2024-12", "readmit_30d_isr_12m", "age_0_15");
        assertEquals(1.0, young.<Double>getAs("observed"), 0.0);
        assertEquals(0.5, young.<Double>getAs("expected"), 0.0);
        assertEquals(
                0.25,
                get("A", "2025-01", "readmit_30d_isr_cells_12m", "age_0_15").<Double>getAs("expected"),
                0.0);
        assertEquals(null, get("A", "2024-12", "readmit_30d", "age_0_15"), "no monthly row in December");
    }

    @Test
    void expectedCountsAreTheExactSumsOfTheirTwelveMonths() {
        for (String id : List.of("readmit_30d_isr_12m", "readmit_30d_isr_cells_12m")) {
            BigDecimal exact = BigDecimal.ZERO;
            for (int m = 0; m < 12; m++) {
                exact = exact.add(EXACT.get("A" + FIRST.plusMonths(m))[id.contains("cells") ? 1 : 0]);
            }
            assertEquals(exact.doubleValue(), get("A", "2024-12", id, "all").<Double>getAs("expected"), 0.0, id);
        }
    }

    @Test
    void expectedCountsDoNotDependOnTheOrderOfTheRows() {
        List<Row> again = SpellMeasures.aggregate(scored(true), "t")
                .filter(col("expected").isNotNull())
                .collectAsList();
        assertFalse(again.isEmpty());
        double plainForward = 0;
        double plainBackward = 0;
        for (int i = 0; i < ROWS.size(); i++) {
            plainForward += ROWS.get(i).getDouble(8);
            plainBackward += ROWS.get(ROWS.size() - 1 - i).getDouble(8);
        }
        assertNotEquals(plainForward, plainBackward, "a plain double sum of these rows depends on the order");
        for (Row r : again) {
            Row first = OUT.get(
                    key(r.getAs("org_code"), r.getAs("period_start"), r.getAs("indicator_id"), r.getAs("stratum")));
            assertEquals(first.<Double>getAs("expected"), r.<Double>getAs("expected"), 0.0, r.toString());
        }
    }
}
