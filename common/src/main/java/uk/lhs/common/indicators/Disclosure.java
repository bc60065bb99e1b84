package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.OptionalDouble;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.vocab.Cols;

/**
 * NHS small-number disclosure control for outputs that leave the analyst environment (HES / NHS Digital practice:
 * counts from 1 to 7 suppressed, all others rounded to the nearest 5; {@code lhs.disclosure.suppress-below} and
 * {@code lhs.disclosure.round-to}). Zero is published: it identifies nobody.
 *
 * <p>Applied to every count in a row of gold.indicator_values: the numerator, and the denominator unless it is an
 * expected count (ratios), which describes no patients. A row with a suppressed count becomes {@code suppressed}
 * with numerator, denominator, value and interval null. Otherwise counts are rounded; a count indicator's value is
 * its rounded count and its interval is dropped (the exact interval would give the count away). Proportions, rates,
 * ratios, means and percentiles keep the value and interval computed from the exact counts. {@code value_display}
 * follows the published value (null when suppressed, the rounded count for counts).
 */
public final class Disclosure {
    private Disclosure() {}

    /**
     * One count after disclosure control.
     *
     * @return empty when suppressed; else the count rounded half-up to the nearest {@code roundTo}
     */
    public static OptionalDouble control(double count, int suppressBelow, int roundTo) {
        check(suppressBelow, roundTo);
        if (count >= 1 && count < suppressBelow) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.floor(count / roundTo + 0.5) * roundTo);
    }

    /**
     * The published view of gold.indicator_values rows (same schema).
     *
     * @param values rows of {@link IndicatorTables#INDICATOR_VALUES}
     * @param suppressBelow counts from 1 to suppressBelow − 1 are suppressed (NHS: 8)
     * @param roundTo other counts rounded to the nearest multiple (NHS: 5); 1 leaves them as they are
     */
    public static Dataset<Row> published(Dataset<Row> values, int suppressBelow, int roundTo) {
        check(suppressBelow, roundTo);
        Column isCount = col(Cols.MEASURE_TYPE).equalTo("count");
        Column denominatorIsCount = not(col(Cols.MEASURE_TYPE).equalTo("ratio"));
        Column suppressed = small(col(Cols.NUMERATOR), suppressBelow)
                .or(denominatorIsCount.and(small(col(Cols.DENOMINATOR), suppressBelow)));
        Column hasValue = col(Cols.STATUS).isin(IndicatorTables.STATUS_OK, IndicatorTables.STATUS_PARTIAL);
        // Flags first: the status column is rewritten below, and later expressions must see the original.
        Column rowSuppressed = col("_row_suppressed");
        Column countSuppressed = col("_count_suppressed");
        return values.withColumn("_row_suppressed", suppressed.and(hasValue))
                .withColumn("_count_suppressed", suppressed)
                .withColumn(
                        Cols.STATUS,
                        when(rowSuppressed, lit(IndicatorTables.STATUS_SUPPRESSED))
                                .otherwise(col(Cols.STATUS)))
                .withColumn(
                        Cols.VALUE,
                        when(rowSuppressed, lit(null))
                                .when(isCount, rounded(col(Cols.VALUE), roundTo))
                                .otherwise(col(Cols.VALUE)))
                // Same pattern as ValueDisplay for counts ("1,234"), now of the rounded count.
                .withColumn(
                        "value_display",
                        when(rowSuppressed, lit(null))
                                .when(isCount.and(col(Cols.VALUE).isNotNull()), format_number(col(Cols.VALUE), 0))
                                .otherwise(col("value_display")))
                .withColumn(
                        "ci_lower", when(rowSuppressed.or(isCount), lit(null)).otherwise(col("ci_lower")))
                .withColumn(
                        "ci_upper", when(rowSuppressed.or(isCount), lit(null)).otherwise(col("ci_upper")))
                .withColumn(
                        Cols.NUMERATOR,
                        when(countSuppressed, lit(null)).otherwise(rounded(col(Cols.NUMERATOR), roundTo)))
                .withColumn(
                        Cols.DENOMINATOR,
                        when(countSuppressed, lit(null))
                                .when(denominatorIsCount, rounded(col(Cols.DENOMINATOR), roundTo))
                                .otherwise(col(Cols.DENOMINATOR)))
                .select(IndicatorTransforms.columns(IndicatorTables.INDICATOR_VALUES_PUBLISHED.schema()));
    }

    private static Column small(Column count, int suppressBelow) {
        return count.isNotNull().and(count.geq(1)).and(count.lt(suppressBelow));
    }

    private static Column rounded(Column count, int roundTo) {
        return floor(count.divide(roundTo).plus(0.5)).multiply(roundTo).cast("double");
    }

    private static void check(int suppressBelow, int roundTo) {
        if (suppressBelow < 1 || roundTo < 1) {
            throw new IllegalArgumentException(
                    "lhs.disclosure.suppress-below and round-to must be at least 1 (NHS: 8 and"
                            + " 5; 1 and 1 switch control off), but were " + suppressBelow + " and " + roundTo);
        }
    }
}
