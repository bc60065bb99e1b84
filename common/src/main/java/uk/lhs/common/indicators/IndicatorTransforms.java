package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.England;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Stratum;
import uk.lhs.common.vocab.Unmapped;

/**
 * The generic indicator engine as pure transforms (no reads, writes or actions), applied in this order:
 * {@link #trustMeasures} per catalog indicator (or any other measure source producing {@link #TRUST_MEASURES}
 * rows), {@link #completeMonths}, {@link #levels}, {@link #withNames}, then {@link IndicatorValuesFunction} to
 * compute values, intervals and status. {@link IndicatorEngine} strings them together.
 */
public final class IndicatorTransforms {
    /** Weekly band counts, as silver.rtt_incomplete stores them. */
    public static final org.apache.spark.sql.types.DataType BANDS_TYPE =
            DataTypes.createArrayType(DataTypes.LongType, true);

    /**
     * The trust × month grain every measure source produces: one row per indicator, trust and month, with the
     * trust's placement, its stratum ({@value Stratum#ALL} for the whole population) and its summed numerator,
     * denominator, sum of squares (means) and weekly bands (percentiles). Spells-based indicators plug in through
     * {@link #placed}.
     */
    public static final StructType TRUST_MEASURES = new StructType()
            .add(Cols.INDICATOR_ID, DataTypes.StringType, false)
            .add(Cols.ORG_CODE, DataTypes.StringType, false)
            .add(Cols.PERIOD_START, DataTypes.DateType, false)
            .add(Cols.STRATUM, DataTypes.StringType, false)
            .add(Cols.SYSTEM_CODE, DataTypes.StringType, true)
            .add(Cols.REGION_CODE, DataTypes.StringType, true)
            .add("published_name", DataTypes.StringType, true)
            .add(Cols.NUMERATOR, DataTypes.DoubleType, true)
            .add(Cols.DENOMINATOR, DataTypes.DoubleType, true)
            .add("sum_squares", DataTypes.DoubleType, true)
            .add("bands", BANDS_TYPE, true);

    private IndicatorTransforms() {}

    /**
     * Sums the catalog indicators of one dataset per trust and month, in one pass over the dataset: each indicator's
     * numerator, denominator and bands are taken where its filter holds and summed; the sums are then unpivoted to one
     * row per indicator. A trust with rows in the dataset but none passing an indicator's filter gets null sums for it
     * ({@code no_data}), never 0. A dataset with a {@value Cols#STRATUM} column is summed per stratum, and an indicator
     * has a row only for the trusts, months and strata where some row passes its filter (months and strata it does
     * not cover, e.g. readmissions before their follow-up is complete, are absent rather than {@code no_data});
     * any other dataset is stratum {@value Stratum#ALL}.
     *
     * @param indicators catalog entries that all draw on {@code silver}
     * @param silver the dataset, with at least {@link IndicatorDatasets#PLACEMENT_COLUMNS} and the columns the
     *     indicators' SQL names; an {@code org_name} column, when present, is kept as the published name
     * @return {@link #TRUST_MEASURES} rows; numerator / denominator null where the catalog defines none
     */
    public static Dataset<Row> trustMeasures(List<Indicator> indicators, Dataset<Row> silver) {
        Column name = Arrays.asList(silver.columns()).contains(Cols.ORG_NAME)
                ? col(Cols.ORG_NAME)
                : lit(null).cast(DataTypes.StringType);
        boolean stratified = Arrays.asList(silver.columns()).contains(Cols.STRATUM);
        Column stratum = stratified ? col(Cols.STRATUM) : lit(Stratum.ALL);
        List<Column> select = new ArrayList<>(List.of(
                col(Cols.ORG_CODE),
                col(Cols.PERIOD_START),
                stratum.as(Cols.STRATUM),
                col(Cols.SYSTEM_CODE),
                col(Cols.REGION_CODE),
                name.as("published_name")));
        List<Column> sums = new ArrayList<>(List.of(
                max(Cols.REGION_CODE).as(Cols.REGION_CODE),
                max("published_name").as("published_name")));
        List<Column> unpivot = new ArrayList<>();
        for (int i = 0; i < indicators.size(); i++) {
            Indicator ind = indicators.get(i);
            Column in = ind.filter() == null ? lit(true) : expr(ind.filter());
            Column bands = ind.bands() == null
                    ? lit(null).cast(BANDS_TYPE)
                    : col(ind.bands()).cast(BANDS_TYPE);
            select.add(when(in, sqlOrNull(ind.numerator())).as("n" + i));
            select.add(when(in, sqlOrNull(ind.denominator())).as("d" + i));
            select.add(when(in, sqlOrNull(ind.sumSquares())).as("q" + i));
            select.add(when(in, bands).as("b" + i));
            select.add(when(in, 1L).otherwise(0L).as("c" + i));
            sums.add(sum("n" + i).as("n" + i));
            sums.add(sum("d" + i).as("d" + i));
            sums.add(sum("q" + i).as("q" + i));
            sums.add(sumBands("b" + i).as("b" + i));
            sums.add(sum("c" + i).as("c" + i));
            unpivot.add(org.apache.spark.sql.functions.struct(
                    lit(ind.id()).as(Cols.INDICATOR_ID),
                    col("n" + i).as(Cols.NUMERATOR),
                    col("d" + i).as(Cols.DENOMINATOR),
                    col("q" + i).as("sum_squares"),
                    col("b" + i).as("bands"),
                    col("c" + i).as("rows")));
        }
        Dataset<Row> rows = silver.select(select.toArray(new Column[0]))
                .groupBy(Cols.ORG_CODE, Cols.PERIOD_START, Cols.STRATUM)
                .agg(max(Cols.SYSTEM_CODE).as(Cols.SYSTEM_CODE), sums.toArray(new Column[0]))
                .withColumn(
                        "m",
                        org.apache.spark.sql.functions.explode(
                                org.apache.spark.sql.functions.array(unpivot.toArray(new Column[0]))));
        if (stratified) {
            // A stratified dataset holds a row per measure and stratum: an indicator is present where its own rows are.
            rows = rows.where(col("m.rows").gt(0));
        }
        return rows.select(
                col("m.indicator_id").as(Cols.INDICATOR_ID),
                col(Cols.ORG_CODE),
                col(Cols.PERIOD_START),
                col(Cols.STRATUM),
                col(Cols.SYSTEM_CODE),
                col(Cols.REGION_CODE),
                col("published_name"),
                col("m.numerator").as(Cols.NUMERATOR),
                col("m.denominator").as(Cols.DENOMINATOR),
                col("m.sum_squares").as("sum_squares"),
                col("m.bands").as("bands"));
    }

    private static Column sqlOrNull(String sql) {
        return (sql == null ? lit(null) : expr(sql)).cast(DataTypes.DoubleType);
    }

    /**
     * Element-wise sum of an array column over a group (percentiles are computed from summed bands, never averaged);
     * null when the group has no arrays.
     */
    static Column sumBands(String column) {
        return expr("IF(count(" + column + ") = 0, NULL, aggregate(collect_list(" + column + "),"
                + " CAST(array() AS array<bigint>), (acc, x) -> IF(size(acc) = 0, x,"
                + " zip_with(acc, x, (p, q) -> coalesce(p, 0L) + coalesce(q, 0L)))))");
    }

    /**
     * Adds a row, with null numerator and denominator ({@code no_data}), for every month in which a trust that
     * reports the indicator (in a stratum) in some month of {@code measures} has no row, so gaps are visible and
     * aggregates know which members are missing. A trust's placement is taken from its rows (the reference is one per
     * run).
     *
     * @param measures {@link #TRUST_MEASURES} rows over every month loaded
     * @return {@link #TRUST_MEASURES} rows, one per indicator × stratum × member trust × month of that indicator
     */
    public static Dataset<Row> completeMonths(Dataset<Row> measures) {
        Dataset<Row> members = measures.groupBy(Cols.INDICATOR_ID, Cols.STRATUM, Cols.ORG_CODE)
                .agg(
                        max(Cols.SYSTEM_CODE).as(Cols.SYSTEM_CODE),
                        max(Cols.REGION_CODE).as(Cols.REGION_CODE),
                        max("published_name").as("member_name"));
        Dataset<Row> months =
                measures.select(Cols.INDICATOR_ID, Cols.PERIOD_START).distinct();
        Dataset<Row> values = measures.select(
                Cols.INDICATOR_ID,
                Cols.STRATUM,
                Cols.ORG_CODE,
                Cols.PERIOD_START,
                "published_name",
                Cols.NUMERATOR,
                Cols.DENOMINATOR,
                "sum_squares",
                "bands");
        return members.join(months, Cols.INDICATOR_ID)
                .join(values, scalaSeq(Cols.INDICATOR_ID, Cols.STRATUM, Cols.ORG_CODE, Cols.PERIOD_START), "left")
                .withColumn("published_name", coalesce(col("published_name"), col("member_name")))
                .select(columns(TRUST_MEASURES));
    }

    /** Keeps one month (the stage's {@code --period}); null keeps all. */
    public static Dataset<Row> inPeriod(Dataset<Row> rows, LocalDate period) {
        return period == null ? rows : rows.where(col(Cols.PERIOD_START).equalTo(lit(Date.valueOf(period))));
    }

    /**
     * Sums trusts to system (ICB), region and England, stratum by stratum: numerators, denominators and sums of
     * squares are summed over the member trusts with data, never rates averaged; bands are summed element-wise.
     * Providers whose system or region is {@code unmapped} form an {@code unmapped} system (or region) row, so
     * systems and regions each add up to England, and they always count towards England.
     *
     * @param completed output of {@link #completeMonths}
     * @param catalog the measure type of each indicator decides what counts as data
     * @return columns org_level, org_code, published_name, period_start, indicator_id, stratum, numerator,
     *     denominator, sum_squares, bands, member_trusts, member_trusts_with_data
     */
    public static Dataset<Row> levels(Dataset<Row> completed, Dataset<Row> catalog) {
        Dataset<Row> base = completed
                .join(broadcast(catalog.select(Cols.INDICATOR_ID, Cols.MEASURE_TYPE)), Cols.INDICATOR_ID)
                .withColumn("has_data", hasData(col(Cols.MEASURE_TYPE), col(Cols.NUMERATOR), col(Cols.DENOMINATOR)))
                .withColumn(Cols.NUMERATOR, when(col("has_data"), col(Cols.NUMERATOR)))
                .withColumn(Cols.DENOMINATOR, when(col("has_data"), col(Cols.DENOMINATOR)))
                .withColumn("sum_squares", when(col("has_data"), col("sum_squares")))
                .withColumn("bands", when(col("has_data"), col("bands")));
        Dataset<Row> trust = base.select(
                lit(OrgLevel.TRUST.label()).as(Cols.ORG_LEVEL),
                col(Cols.ORG_CODE),
                col("published_name"),
                col(Cols.PERIOD_START),
                col(Cols.INDICATOR_ID),
                col(Cols.STRATUM),
                col(Cols.NUMERATOR),
                col(Cols.DENOMINATOR),
                col("sum_squares"),
                col("bands"),
                lit(1).as("member_trusts"),
                when(col("has_data"), 1).otherwise(0).as("member_trusts_with_data"));
        return trust.unionByName(aggregate(base, col(Cols.SYSTEM_CODE), OrgLevel.SYSTEM.label()))
                .unionByName(aggregate(base, col(Cols.REGION_CODE), OrgLevel.REGION.label()))
                .unionByName(aggregate(base, lit(England.CODE), OrgLevel.ENGLAND.label()));
    }

    private static Dataset<Row> aggregate(Dataset<Row> base, Column code, String level) {
        return base.groupBy(
                        col(Cols.INDICATOR_ID),
                        col(Cols.PERIOD_START),
                        col(Cols.STRATUM),
                        coalesce(code, lit(Unmapped.CODE)).as(Cols.ORG_CODE))
                .agg(
                        sum(Cols.NUMERATOR).as(Cols.NUMERATOR),
                        sum(Cols.DENOMINATOR).as(Cols.DENOMINATOR),
                        sum("sum_squares").as("sum_squares"),
                        sumBands("bands").as("bands"),
                        count(lit(1)).cast(DataTypes.IntegerType).as("member_trusts"),
                        sum(when(col("has_data"), 1).otherwise(0))
                                .cast(DataTypes.IntegerType)
                                .as("member_trusts_with_data"))
                .select(
                        lit(level).as(Cols.ORG_LEVEL),
                        col(Cols.ORG_CODE),
                        lit(null).cast(DataTypes.StringType).as("published_name"),
                        col(Cols.PERIOD_START),
                        col(Cols.INDICATOR_ID),
                        col(Cols.STRATUM),
                        col(Cols.NUMERATOR),
                        col(Cols.DENOMINATOR),
                        col("sum_squares"),
                        col("bands"),
                        col("member_trusts"),
                        col("member_trusts_with_data"));
    }

    /**
     * {@link IndicatorMath#hasData} as a built-in expression (no UDF, so Catalyst generates code for it): a present,
     * non-NaN numerator of at least 0 for counts, a positive non-NaN denominator for percentiles, both for the rest.
     * NaN is tested first because Spark orders NaN above every number.
     *
     * @param measureType a {@link MeasureType} name
     */
    static Column hasData(Column measureType, Column numerator, Column denominator) {
        Column presentNumerator =
                numerator.isNotNull().and(not(isnan(numerator))).and(numerator.geq(0));
        Column positiveDenominator =
                denominator.isNotNull().and(not(isnan(denominator))).and(denominator.gt(0));
        return when(measureType.equalTo(MeasureType.COUNT.name()), presentNumerator)
                .when(measureType.equalTo(MeasureType.PERCENTILE.name()), positiveDenominator)
                .otherwise(presentNumerator.and(positiveDenominator));
    }

    /**
     * Names each row: silver.organisations' name for its code, else the name as published, "England" for
     * {@value England#CODE} and {@link Unmapped#NAME} for {@code unmapped}.
     *
     * @param organisations silver.organisations (org_code, org_name)
     * @return the rows with {@code org_name} in place of {@code published_name}
     */
    public static Dataset<Row> withNames(Dataset<Row> rows, Dataset<Row> organisations) {
        Dataset<Row> names = organisations.select(
                col(Cols.ORG_CODE).as("name_code"), col(Cols.ORG_NAME).as("ref_name"));
        return rows.join(broadcast(names), col(Cols.ORG_CODE).equalTo(col("name_code")), "left")
                .withColumn(
                        Cols.ORG_NAME,
                        coalesce(
                                col("ref_name"),
                                col("published_name"),
                                when(col(Cols.ORG_CODE).equalTo(England.CODE), lit(England.NAME))
                                        .when(col(Cols.ORG_CODE).equalTo(Unmapped.CODE), lit(Unmapped.NAME))))
                .drop("name_code", "ref_name", "published_name");
    }

    /**
     * Places rows of a dataset that carries only {@code org_code} (silver.spell_measures) as the engine needs: the
     * trust's system, region and name from silver.organisations; a provider the reference does not list, or lists
     * without a system, is {@value Unmapped#CODE} (as the ingest stage places unknown providers).
     *
     * @param rows rows with {@code org_code}
     * @param organisations silver.organisations (org_code, org_level, org_name, system_code, region_code)
     * @return the rows with system_code, region_code and org_name added
     */
    public static Dataset<Row> placed(Dataset<Row> rows, Dataset<Row> organisations) {
        Dataset<Row> trusts = organisations
                .where(col(Cols.ORG_LEVEL).equalTo(OrgLevel.TRUST.label()))
                .groupBy(col(Cols.ORG_CODE).as("_code"))
                .agg(
                        max(Cols.SYSTEM_CODE).as("_system"),
                        max(Cols.REGION_CODE).as("_region"),
                        max(Cols.ORG_NAME).as("_name"));
        return rows.join(broadcast(trusts), col(Cols.ORG_CODE).equalTo(col("_code")), "left")
                .withColumn(Cols.SYSTEM_CODE, coalesce(col("_system"), lit(Unmapped.CODE)))
                .withColumn(Cols.REGION_CODE, coalesce(col("_region"), lit(Unmapped.CODE)))
                .withColumn(Cols.ORG_NAME, col("_name"))
                .drop("_code", "_system", "_region", "_name");
    }

    /** The catalog as a small table (indicator_id, measure_type) for joins. */
    public static Dataset<Row> catalogFrame(SparkSession spark, IndicatorCatalog catalog) {
        List<Row> rows = new ArrayList<>();
        for (Indicator i : catalog.indicators()) {
            rows.add(RowFactory.create(i.id(), i.type().name()));
        }
        return spark.createDataFrame(
                rows,
                new StructType()
                        .add(Cols.INDICATOR_ID, DataTypes.StringType)
                        .add(Cols.MEASURE_TYPE, DataTypes.StringType));
    }

    /**
     * Every catalog indicator of the datasets given, as {@link #TRUST_MEASURES} rows.
     *
     * @param datasets dataset name (see {@link IndicatorDatasets}) to its silver rows
     */
    public static Dataset<Row> trustMeasures(IndicatorCatalog catalog, Map<String, Dataset<Row>> datasets) {
        Dataset<Row> out = null;
        for (Map.Entry<String, Dataset<Row>> d : new java.util.TreeMap<>(datasets).entrySet()) {
            List<Indicator> inds = catalog.forDataset(d.getKey());
            if (inds.isEmpty()) {
                continue;
            }
            Dataset<Row> m = trustMeasures(inds, d.getValue());
            out = out == null ? m : out.unionByName(m);
        }
        if (out == null) {
            throw new IllegalArgumentException("no catalog indicator draws on the datasets given " + datasets.keySet());
        }
        return out;
    }

    static Column[] columns(StructType schema) {
        return Arrays.stream(schema.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
    }

    static scala.collection.Seq<String> scalaSeq(String... names) {
        return scala.collection.JavaConverters.asScalaBufferConverter(Arrays.asList(names))
                .asScala()
                .toSeq();
    }
}
