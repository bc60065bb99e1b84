package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.tables.VintageTables;
import uk.lhs.common.vocab.Cols;

/**
 * The indicator values a newer vintage of a month changed: {@code gold.revisions} (from gold.indicator_values) and
 * {@code gold.revisions_published} (from gold.indicator_values_published, the same code on the published rows).
 */
public final class RevisionsTransform {
    private RevisionsTransform() {}

    /**
     * Relative difference below which two values are the same value computed twice: Spark may sum the same doubles in
     * another order (a few ulps apart), while the smallest real revision NHS England published (about 1 in 4,000
     * attendances) moves a 4-hour % by around 1e-5.
     */
    public static final double SAME_VALUE = 1e-12;

    /** A month of an indicator whose source vintage changed: the file the values were computed from, and the newer. */
    public record RevisedMonth(String indicatorId, LocalDate month, String previousSha256, String sha256) {}

    /** Schema of the revised-month frame {@link #revisedMonths} builds. */
    static final StructType REVISED = new StructType()
            .add(Cols.INDICATOR_ID, DataTypes.StringType, false)
            .add(Cols.PERIOD_START, DataTypes.DateType, false)
            .add(VintageTables.PREVIOUS_SOURCE_SHA256, DataTypes.StringType, true)
            .add(Cols.SOURCE_SHA256, DataTypes.StringType, false);

    /** The revised months as a small frame for {@link #revisions}. */
    public static Dataset<Row> revisedMonths(SparkSession spark, List<RevisedMonth> months) {
        List<Row> rows = new ArrayList<>();
        for (RevisedMonth m : months) {
            rows.add(RowFactory.create(m.indicatorId(), Date.valueOf(m.month()), m.previousSha256(), m.sha256()));
        }
        return spark.createDataFrame(rows, REVISED);
    }

    /**
     * Rows of gold.revisions: for each revised month of an indicator that had values before, every organisation and
     * stratum whose value the new vintage changed (appeared, disappeared, or differs by more than {@link #SAME_VALUE}
     * relative).
     *
     * @param previous indicator values before this run wrote (the table's previous Delta version)
     * @param current indicator values this run computed
     * @param revised revised months ({@link #revisedMonths})
     * @param runId the indicators run
     * @return rows in the gold.revisions column order (without the published stamps)
     */
    public static Dataset<Row> revisions(
            Dataset<Row> previous, Dataset<Row> current, Dataset<Row> revised, String runId) {
        String[] key = {Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.PERIOD_START, Cols.INDICATOR_ID, Cols.STRATUM};
        Column monthKey = col("r." + Cols.INDICATOR_ID)
                .equalTo(col("x." + Cols.INDICATOR_ID))
                .and(col("r." + Cols.PERIOD_START).equalTo(col("x." + Cols.PERIOD_START)));
        // Only months that had values before: a month computed for the first time is not a revision.
        Dataset<Row> had = revised.as("r")
                .join(
                        previous.select(Cols.INDICATOR_ID, Cols.PERIOD_START)
                                .distinct()
                                .as("x"),
                        monthKey,
                        "left_semi");
        Dataset<Row> before = scoped(previous, had).select(keyed(key, "p", VintageTables.PREVIOUS_VALUE));
        Dataset<Row> after = scoped(current, had).select(keyed(key, "c", Cols.VALUE));
        Column on = lit(true);
        for (String k : key) {
            on = on.and(col("p_" + k).equalTo(col("c_" + k)));
        }
        Dataset<Row> joined = before.join(after, on, "full_outer");
        List<Column> out = new ArrayList<>();
        for (String k : key) {
            out.add(org.apache
                    .spark
                    .sql
                    .functions
                    .coalesce(col("c_" + k), col("p_" + k))
                    .as(k));
        }
        Column p = col(VintageTables.PREVIOUS_VALUE);
        Column v = col(Cols.VALUE);
        Column changed = p.isNull()
                .notEqual(v.isNull())
                .or(abs(p.minus(v)).gt(greatest(lit(1.0), abs(p)).multiply(SAME_VALUE)));
        Dataset<Row> moved = joined.select(concat(out, p, v)).where(changed);
        return moved.as("x")
                .join(revised.as("r"), monthKey, "inner")
                .select(
                        col("x." + Cols.ORG_LEVEL),
                        col("x." + Cols.ORG_CODE),
                        col("x." + Cols.PERIOD_START),
                        col("x." + Cols.INDICATOR_ID),
                        col("x." + Cols.STRATUM),
                        col("x." + VintageTables.PREVIOUS_VALUE),
                        col("x." + Cols.VALUE),
                        col("r." + VintageTables.PREVIOUS_SOURCE_SHA256),
                        col("r." + Cols.SOURCE_SHA256),
                        lit(runId).as(VintageTables.REVISED_IN_RUN));
    }

    private static Dataset<Row> scoped(Dataset<Row> values, Dataset<Row> months) {
        return values.as("x")
                .join(
                        months.select(Cols.INDICATOR_ID, Cols.PERIOD_START).as("r"),
                        col("r." + Cols.INDICATOR_ID)
                                .equalTo(col("x." + Cols.INDICATOR_ID))
                                .and(col("r." + Cols.PERIOD_START).equalTo(col("x." + Cols.PERIOD_START))),
                        "left_semi");
    }

    private static Column[] keyed(String[] key, String prefix, String valueAs) {
        Column[] cols = new Column[key.length + 1];
        for (int i = 0; i < key.length; i++) {
            cols[i] = col(key[i]).as(prefix + "_" + key[i]);
        }
        cols[key.length] = col(Cols.VALUE).as(valueAs);
        return cols;
    }

    private static Column[] concat(List<Column> keys, Column p, Column v) {
        List<Column> all = new ArrayList<>(keys);
        all.add(p);
        all.add(v);
        return all.toArray(new Column[0]);
    }
}
