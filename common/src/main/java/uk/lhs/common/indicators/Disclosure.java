package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import uk.lhs.common.disclosure.CellKey;
import uk.lhs.common.disclosure.Relation;
import uk.lhs.common.disclosure.Relations;
import uk.lhs.common.disclosure.SecondarySuppression;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.Unmapped;

/**
 * NHS small-number disclosure control of gold.indicator_values, for outputs that leave the analyst environment (NHS
 * Digital, HES Analysis Guide: counts 1–7 suppressed, others rounded to the nearest 5; ONS disclosure control guidance
 * on differencing).
 *
 * <ol>
 *   <li>Primary suppression: a row with a small count — its numerator, its denominator unless that is an expected
 *       count (ratios), or for proportions {@code denominator − numerator} — is suppressed.
 *   <li>Secondary suppression over every sum a reader could subtract across ({@link Relations}: the organisation
 *       hierarchy per month, indicator and stratum; the stratum families per organisation, month and indicator), by
 *       {@link SecondarySuppression}. It runs on the driver over the collected keys and counts (a few hundred thousand
 *       rows), sorted, so the same inputs always give the same cells.
 *   <li>Publication ({@link PublishedValuesFunction}): a suppressed row has status {@code suppressed} and null
 *       numbers; other counts are rounded and the value and interval are recomputed from the rounded counts, so
 *       nothing published carries more than the rounded counts do.
 * </ol>
 */
public final class Disclosure {
    private Disclosure() {}

    /**
     * The published view of gold.indicator_values.
     *
     * @param values rows of {@link IndicatorTables#INDICATOR_VALUES}, every organisation level and stratum of the
     *     months being published (sums are only protected among rows passed together)
     * @param measures {@link IndicatorTransforms#TRUST_MEASURES} rows: where each trust is summed (system, region)
     * @param catalog the indicators of {@code values}
     * @return rows of {@link IndicatorTables#INDICATOR_VALUES_PUBLISHED}
     */
    public static Dataset<Row> published(
            Dataset<Row> values, Dataset<Row> measures, IndicatorCatalog catalog, Thresholds thresholds) {
        Map<String, Relations.Place> places = places(measures);
        List<Row> cells = new ArrayList<>(values.select(
                        Cols.ORG_LEVEL,
                        Cols.ORG_CODE,
                        Cols.PERIOD_START,
                        Cols.INDICATOR_ID,
                        Cols.STRATUM,
                        Cols.MEASURE_TYPE,
                        Cols.NUMERATOR,
                        Cols.DENOMINATOR)
                .collectAsList());
        List<CellKey> keys = new ArrayList<>(cells.size());
        for (Row r : cells) {
            keys.add(key(r));
        }
        Integer[] order = new Integer[cells.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> CellKey.ORDER.compare(keys.get(a), keys.get(b)));
        List<CellKey> sorted = new ArrayList<>(cells.size());
        double[][] counts = new double[cells.size()][];
        double[] size = new double[cells.size()];
        for (int i = 0; i < order.length; i++) {
            Row r = cells.get(order[i]);
            sorted.add(keys.get(order[i]));
            counts[i] = counts(
                    MeasureType.valueOf(r.<String>getAs(Cols.MEASURE_TYPE).toUpperCase(Locale.ROOT)),
                    r.getAs(Cols.NUMERATOR),
                    r.getAs(Cols.DENOMINATOR));
            size[i] = sizeOf(counts[i]);
        }
        List<Relation> relations = Relations.build(sorted, places, Unmapped.CODE);
        BitSet suppressed = SecondarySuppression.suppress(counts, size, relations, thresholds)
                .all();
        Set<String> hidden = new HashSet<>(suppressed.cardinality() * 2);
        for (int i = suppressed.nextSetBit(0); i >= 0; i = suppressed.nextSetBit(i + 1)) {
            CellKey k = sorted.get(i);
            hidden.add(PublishedValuesFunction.key(k.level(), k.org(), k.period(), k.indicator(), k.stratum()));
        }
        // Shipped once per executor, not in every task.
        Broadcast<Set<String>> shipped = JavaSparkContext.fromSparkContext(
                        values.sparkSession().sparkContext())
                .broadcast(hidden);
        return values.mapPartitions(
                new PublishedValuesFunction(catalog, thresholds, shipped),
                Encoders.row(IndicatorTables.INDICATOR_VALUES_PUBLISHED.schema()));
    }

    /**
     * The counts of a row that disclosure control protects, in the order numerator, denominator, complement; NaN for
     * one that is not a count (an expected count, a percentile's missing numerator) or
     * absent (a row without data).
     */
    static double[] counts(MeasureType type, Double numerator, Double denominator) {
        double n = numerator == null ? Double.NaN : numerator;
        double d = denominator == null ? Double.NaN : denominator;
        return switch (type) {
            case PROPORTION -> new double[] {n, d, d - n};
            case RATE -> new double[] {n, d, Double.NaN};
            case COUNT, RATIO -> new double[] {n, Double.NaN, Double.NaN};
            // A mean's numerator is a total (bed-days): not people, but a small total is treated like a small count.
            case MEAN -> new double[] {n, d, Double.NaN};
            case PERCENTILE -> new double[] {Double.NaN, d, Double.NaN};
        };
    }

    /** The count that decides which sibling is suppressed next: the denominator, else the numerator. */
    private static double sizeOf(double[] counts) {
        return Double.isNaN(counts[1]) ? counts[0] : counts[1];
    }

    private static CellKey key(Row r) {
        return new CellKey(r.getString(0), r.getString(1), r.<Date>getAs(2).toString(), r.getString(3), r.getString(4));
    }

    /** Where each trust's rows are summed, per indicator, as the engine placed them. */
    private static Map<String, Relations.Place> places(Dataset<Row> measures) {
        Map<String, Relations.Place> places = new HashMap<>();
        for (Row r : measures.groupBy(Cols.INDICATOR_ID, Cols.ORG_CODE)
                .agg(
                        max(Cols.SYSTEM_CODE).as(Cols.SYSTEM_CODE),
                        max(Cols.REGION_CODE).as(Cols.REGION_CODE))
                .collectAsList()) {
            places.put(
                    Relations.placeKey(r.getString(0), r.getString(1)),
                    new Relations.Place(r.getString(2), r.getString(3)));
        }
        return places;
    }

    /**
     * Stamps the thresholds on rows computed from published values, for a {@code _published} table whose contract
     * ends with {@link TableContract#SUPPRESS_BELOW} and {@link TableContract#ROUND_TO}.
     */
    public static Dataset<Row> stamped(Dataset<Row> rows, Thresholds thresholds) {
        return rows.withColumn(TableContract.SUPPRESS_BELOW, lit(thresholds.suppressBelow()))
                .withColumn(TableContract.ROUND_TO, lit(thresholds.roundTo()));
    }

    /**
     * Stamps rows computed from a published input with the thresholds that input passed, when {@code table} is a
     * published table; returns the rows as they are otherwise.
     *
     * @param input rows of a published table; rows of a version without the stamp columns give null stamps
     */
    public static Dataset<Row> stampedLike(TableContract table, Dataset<Row> rows, Dataset<Row> input) {
        if (table.release() != Release.PUBLISHED) {
            return rows;
        }
        // An input without the stamps (written before they existed) passed no known rule: the stamps stay null.
        if (!java.util.Arrays.asList(input.columns()).contains(TableContract.SUPPRESS_BELOW)
                || !java.util.Arrays.asList(input.columns()).contains(TableContract.ROUND_TO)) {
            return rows.withColumn(TableContract.SUPPRESS_BELOW, lit(null).cast("int"))
                    .withColumn(TableContract.ROUND_TO, lit(null).cast("int"));
        }
        // The weakest rule any input row passed (one rule unless the settings changed between runs of one table).
        Row t = input.agg(
                        org.apache.spark.sql.functions.min(TableContract.SUPPRESS_BELOW),
                        org.apache.spark.sql.functions.min(TableContract.ROUND_TO))
                .first();
        if (t.isNullAt(0) || t.isNullAt(1)) {
            return rows.withColumn(TableContract.SUPPRESS_BELOW, lit(null).cast("int"))
                    .withColumn(TableContract.ROUND_TO, lit(null).cast("int"));
        }
        return stamped(rows, new Thresholds(t.getInt(0), t.getInt(1)));
    }
}
