package uk.lhs.common.spc.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.Stratum;

/**
 * The SPC stage's transform: {@code gold.indicator_values} in, the rows of {@code gold.spc_points} and
 * {@code gold.spc_summary} out. Pure (no reads or writes); distributed by series: rows are grouped by
 * (org_level, org_code, indicator_id, stratum) with their observations sorted by period_start, and each series is
 * charted on an executor by {@link SeriesCharter}. Nothing is collected to the driver.
 */
public final class SpcTransform {
    /**
     * Columns read from gold.indicator_values, with their types; {@link Cols#CHART_TYPE} is optional and, when present,
     * overrides the chart derived from the unit.
     */
    public static final StructType INPUT = new StructType()
            .add(Cols.ORG_LEVEL, DataTypes.StringType)
            .add(Cols.ORG_CODE, DataTypes.StringType)
            .add(Cols.ORG_NAME, DataTypes.StringType)
            .add(Cols.PERIOD_START, DataTypes.DateType)
            .add(Cols.INDICATOR_ID, DataTypes.StringType)
            .add(Cols.STRATUM, DataTypes.StringType)
            .add(Cols.NUMERATOR, DataTypes.DoubleType)
            .add(Cols.DENOMINATOR, DataTypes.DoubleType)
            .add(Cols.VALUE, DataTypes.DoubleType)
            .add(Cols.UNIT, DataTypes.StringType)
            .add(Cols.IMPROVEMENT_DIRECTION, DataTypes.StringType)
            .add("target", DataTypes.DoubleType)
            .add(Cols.STATUS, DataTypes.StringType);

    // Positions in the observation struct (sort_array orders by its first field, period_start).
    static final int O_PERIOD = 0;
    static final int O_VALUE = 1;
    static final int O_NUMERATOR = 2;
    static final int O_DENOMINATOR = 3;
    static final int O_STATUS = 4;
    static final int O_UNIT = 5;
    static final int O_DIRECTION = 6;
    static final int O_TARGET = 7;
    static final int O_CHART_TYPE = 8;
    static final int O_ORG_NAME = 9;
    private static final List<String> OBSERVATION = List.of(
            Cols.PERIOD_START,
            Cols.VALUE,
            Cols.NUMERATOR,
            Cols.DENOMINATOR,
            Cols.STATUS,
            Cols.UNIT,
            Cols.IMPROVEMENT_DIRECTION,
            "target",
            Cols.CHART_TYPE,
            Cols.ORG_NAME);

    private SpcTransform() {}

    /**
     * The transform's two outputs, lazily evaluated from one per-series dataset; {@link #persist()} before writing
     * both so every series is charted once.
     *
     * @param series one row per series: the summary columns plus its points (an array)
     * @param points the rows of gold.spc_points, in contract column order
     * @param summary the rows of gold.spc_summary, in contract column order
     */
    public record Outputs(Dataset<Row> series, Dataset<Row> points, Dataset<Row> summary) {
        /** Caches the per-series rows (memory, spilling to disk) so points and summary reuse one computation. */
        public Outputs persist() {
            series.persist(StorageLevel.MEMORY_AND_DISK());
            return this;
        }

        /** Releases the cache. */
        public void unpersist() {
            series.unpersist();
        }
    }

    /**
     * Charts every series of stratum {@value Stratum#ALL}.
     *
     * @param indicatorValues rows of gold.indicator_values (extra columns are ignored; {@code chart_type} is used when
     *     present)
     * @param settings the lhs.spc configuration
     * @param runId stamped on every output row
     * @return the rows of gold.spc_points and gold.spc_summary
     * @throws IllegalArgumentException naming the missing or mistyped input columns
     */
    public static Outputs apply(Dataset<Row> indicatorValues, SpcSettings settings, String runId) {
        // Whole-population series only: strata (IMD quintiles, age bands, sex) are the equity lens (gold.inequality),
        // not charted.
        Dataset<Row> in = normalise(indicatorValues).where(col(Cols.STRATUM).equalTo(Stratum.ALL));
        List<Column> keys = SpcTables.SERIES_KEYS.stream().map(c -> col(c)).toList();
        Column obs = struct(OBSERVATION.stream().map(c -> col(c)).toArray(Column[]::new));
        Dataset<Row> grouped = in.groupBy(keys.toArray(new Column[0]))
                .agg(sort_array(collect_list(obs)).as("obs"));
        Dataset<Row> series = grouped.map(new SeriesCharter(settings, runId), Encoders.row(SeriesCharter.SCHEMA));
        Dataset<Row> summary =
                series.select(Arrays.stream(SpcTables.SPC_SUMMARY.schema().fieldNames())
                        .map(c -> col(c))
                        .toArray(Column[]::new));
        List<Column> pointCols = new ArrayList<>();
        for (StructField f : SpcTables.SPC_POINTS.schema().fields()) {
            pointCols.add(
                    SeriesCharter.POINT_COLUMNS.contains(f.name())
                            ? col("p." + f.name()).as(f.name())
                            : col(f.name()));
        }
        Dataset<Row> points = series.select(
                        col("*"), explode(col(SeriesCharter.POINT_ROWS)).as("p"))
                .select(pointCols.toArray(new Column[0]));
        return new Outputs(series, points, summary);
    }

    /** Checks and casts the input columns; adds a null chart_type when the table has none. */
    static Dataset<Row> normalise(Dataset<Row> df) {
        List<String> have = List.of(df.columns());
        List<String> problems = new ArrayList<>();
        List<Column> select = new ArrayList<>();
        for (StructField f : INPUT.fields()) {
            if (!have.contains(f.name())) {
                problems.add("missing column " + f.name());
                continue;
            }
            DataType got = df.schema().apply(f.name()).dataType();
            boolean numeric = got instanceof org.apache.spark.sql.types.NumericType;
            if (!got.sameType(f.dataType()) && !(f.dataType().equals(DataTypes.DoubleType) && numeric)) {
                problems.add("column " + f.name() + " is " + got.simpleString() + ", expected "
                        + f.dataType().simpleString());
                continue;
            }
            select.add(col(f.name()).cast(f.dataType()).as(f.name()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("gold.indicator_values does not have the columns the SPC stage reads: "
                    + String.join("; ", problems));
        }
        select.add(
                have.contains(Cols.CHART_TYPE)
                        ? col(Cols.CHART_TYPE).cast(DataTypes.StringType).as(Cols.CHART_TYPE)
                        : lit(null).cast(DataTypes.StringType).as(Cols.CHART_TYPE));
        return df.select(select.toArray(new Column[0]));
    }
}
