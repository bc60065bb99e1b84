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
   * trust's placement, its stratum ({@value #ALL} for the whole population) and its summed numerator, denominator,
   * sum of squares (means) and weekly bands (percentiles). Spells-based indicators plug in through
   * {@link #placed}.
   */
  public static final StructType TRUST_MEASURES = new StructType()
      .add("indicator_id", DataTypes.StringType, false)
      .add("org_code", DataTypes.StringType, false)
      .add("period_start", DataTypes.DateType, false)
      .add("stratum", DataTypes.StringType, false)
      .add("system_code", DataTypes.StringType, true)
      .add("region_code", DataTypes.StringType, true)
      .add("published_name", DataTypes.StringType, true)
      .add("numerator", DataTypes.DoubleType, true)
      .add("denominator", DataTypes.DoubleType, true)
      .add("sum_squares", DataTypes.DoubleType, true)
      .add("bands", BANDS_TYPE, true);

  /** The stratum of whole-population rows. */
  public static final String ALL = "all";
  /** The stratum column a dataset may carry (silver.spell_measures). */
  public static final String STRATUM = "stratum";
  /** system_code / region_code / org_code of providers no reference places. */
  public static final String UNMAPPED = "unmapped";

  /** org_code of the England row. */
  public static final String ENGLAND_CODE = "ENG";
  /** Name shown for the pseudo-organisation of providers no reference maps to a system or region. */
  public static final String UNMAPPED_NAME = "Unmapped providers (not in the organisation reference)";

  private IndicatorTransforms() {}

  /**
   * Sums the catalog indicators of one dataset per trust and month, in one pass over the dataset: each indicator's
   * numerator, denominator and bands are taken where its filter holds and summed; the sums are then unpivoted to one
   * row per indicator. A trust with rows in the dataset but none passing an indicator's filter gets null sums for it
   * ({@code no_data}), never 0. A dataset with a {@value #STRATUM} column is summed per stratum, and an indicator
   * has a row only for the trusts, months and strata where some row passes its filter (months and strata it does
   * not cover, e.g. readmissions before their follow-up is complete, are absent rather than {@code no_data});
   * any other dataset is stratum {@value #ALL}.
   *
   * @param indicators catalog entries that all draw on {@code silver}
   * @param silver the dataset, with at least {@link IndicatorDatasets#PLACEMENT_COLUMNS} and the columns the
   *     indicators' SQL names; an {@code org_name} column, when present, is kept as the published name
   * @return {@link #TRUST_MEASURES} rows; numerator / denominator null where the catalog defines none
   */
  public static Dataset<Row> trustMeasures(List<Indicator> indicators, Dataset<Row> silver) {
    Column name = Arrays.asList(silver.columns()).contains("org_name") ? col("org_name")
        : lit(null).cast(DataTypes.StringType);
    boolean stratified = Arrays.asList(silver.columns()).contains(STRATUM);
    Column stratum = stratified ? col(STRATUM) : lit(ALL);
    List<Column> select = new ArrayList<>(List.of(col("org_code"), col("period_start"), stratum.as(STRATUM),
        col("system_code"), col("region_code"), name.as("published_name")));
    List<Column> sums = new ArrayList<>(List.of(max("region_code").as("region_code"),
        max("published_name").as("published_name")));
    List<Column> unpivot = new ArrayList<>();
    for (int i = 0; i < indicators.size(); i++) {
      Indicator ind = indicators.get(i);
      Column in = ind.filter() == null ? lit(true) : expr(ind.filter());
      Column bands = ind.bands() == null ? lit(null).cast(BANDS_TYPE) : col(ind.bands()).cast(BANDS_TYPE);
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
      unpivot.add(org.apache.spark.sql.functions.struct(lit(ind.id()).as("indicator_id"), col("n" + i)
          .as("numerator"), col("d" + i).as("denominator"), col("q" + i).as("sum_squares"),
          col("b" + i).as("bands"), col("c" + i).as("rows")));
    }
    Dataset<Row> rows = silver.select(select.toArray(new Column[0]))
        .groupBy("org_code", "period_start", STRATUM)
        .agg(max("system_code").as("system_code"), sums.toArray(new Column[0]))
        .withColumn("m", org.apache.spark.sql.functions.explode(
            org.apache.spark.sql.functions.array(unpivot.toArray(new Column[0]))));
    if (stratified) {
      // A stratified dataset holds a row per measure and stratum: an indicator is present where its own rows are.
      rows = rows.where(col("m.rows").gt(0));
    }
    return rows.select(col("m.indicator_id").as("indicator_id"), col("org_code"), col("period_start"), col(STRATUM),
            col("system_code"), col("region_code"), col("published_name"), col("m.numerator").as("numerator"),
            col("m.denominator").as("denominator"), col("m.sum_squares").as("sum_squares"),
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
    Dataset<Row> members = measures.groupBy("indicator_id", STRATUM, "org_code")
        .agg(max("system_code").as("system_code"), max("region_code").as("region_code"),
            max("published_name").as("member_name"));
    Dataset<Row> months = measures.select("indicator_id", "period_start").distinct();
    Dataset<Row> values = measures.select("indicator_id", STRATUM, "org_code", "period_start", "published_name",
        "numerator", "denominator", "sum_squares", "bands");
    return members.join(months, "indicator_id")
        .join(values, scalaSeq("indicator_id", STRATUM, "org_code", "period_start"), "left")
        .withColumn("published_name", coalesce(col("published_name"), col("member_name")))
        .select(columns(TRUST_MEASURES));
  }

  /** Keeps one month (the stage's {@code --period}); null keeps all. */
  public static Dataset<Row> inPeriod(Dataset<Row> rows, LocalDate period) {
    return period == null ? rows : rows.where(col("period_start").equalTo(lit(Date.valueOf(period))));
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
    Dataset<Row> base = completed.join(broadcast(catalog.select("indicator_id", "measure_type")), "indicator_id")
        .withColumn("has_data", hasData(col("measure_type"), col("numerator"), col("denominator")))
        .withColumn("numerator", when(col("has_data"), col("numerator")))
        .withColumn("denominator", when(col("has_data"), col("denominator")))
        .withColumn("sum_squares", when(col("has_data"), col("sum_squares")))
        .withColumn("bands", when(col("has_data"), col("bands")));
    Dataset<Row> trust = base.select(lit("trust").as("org_level"), col("org_code"), col("published_name"),
        col("period_start"), col("indicator_id"), col(STRATUM), col("numerator"), col("denominator"),
        col("sum_squares"), col("bands"),
        lit(1).as("member_trusts"), when(col("has_data"), 1).otherwise(0).as("member_trusts_with_data"));
    return trust.unionByName(aggregate(base, col("system_code"), "system"))
        .unionByName(aggregate(base, col("region_code"), "region"))
        .unionByName(aggregate(base, lit(ENGLAND_CODE), "england"));
  }

  private static Dataset<Row> aggregate(Dataset<Row> base, Column code, String level) {
    return base.groupBy(col("indicator_id"), col("period_start"), col(STRATUM),
            coalesce(code, lit(UNMAPPED)).as("org_code"))
        .agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"),
            sum("sum_squares").as("sum_squares"), sumBands("bands").as("bands"),
            count(lit(1)).cast(DataTypes.IntegerType).as("member_trusts"),
            sum(when(col("has_data"), 1).otherwise(0)).cast(DataTypes.IntegerType).as("member_trusts_with_data"))
        .select(lit(level).as("org_level"), col("org_code"), lit(null).cast(DataTypes.StringType)
                .as("published_name"), col("period_start"), col("indicator_id"), col(STRATUM), col("numerator"),
            col("denominator"), col("sum_squares"), col("bands"), col("member_trusts"),
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
    Column presentNumerator = numerator.isNotNull().and(not(isnan(numerator))).and(numerator.geq(0));
    Column positiveDenominator = denominator.isNotNull().and(not(isnan(denominator))).and(denominator.gt(0));
    return when(measureType.equalTo(MeasureType.COUNT.name()), presentNumerator)
        .when(measureType.equalTo(MeasureType.PERCENTILE.name()), positiveDenominator)
        .otherwise(presentNumerator.and(positiveDenominator));
  }

  /**
   * Names each row: silver.organisations' name for its code, else the name as published, "England" for
   * {@value #ENGLAND_CODE} and {@link #UNMAPPED_NAME} for {@code unmapped}.
   *
   * @param organisations silver.organisations (org_code, org_name)
   * @return the rows with {@code org_name} in place of {@code published_name}
   */
  public static Dataset<Row> withNames(Dataset<Row> rows, Dataset<Row> organisations) {
    Dataset<Row> names = organisations.select(col("org_code").as("name_code"), col("org_name").as("ref_name"));
    return rows.join(broadcast(names), col("org_code").equalTo(col("name_code")), "left")
        .withColumn("org_name", coalesce(col("ref_name"), col("published_name"),
            when(col("org_code").equalTo(ENGLAND_CODE), lit("England"))
                .when(col("org_code").equalTo("unmapped"), lit(UNMAPPED_NAME))))
        .drop("name_code", "ref_name", "published_name");
  }

  /**
   * Places rows of a dataset that carries only {@code org_code} (silver.spell_measures) as the engine needs: the
   * trust's system, region and name from silver.organisations; a provider the reference does not list, or lists
   * without a system, is {@value #UNMAPPED} (as the ingest stage places unknown providers).
   *
   * @param rows rows with {@code org_code}
   * @param organisations silver.organisations (org_code, org_level, org_name, system_code, region_code)
   * @return the rows with system_code, region_code and org_name added
   */
  public static Dataset<Row> placed(Dataset<Row> rows, Dataset<Row> organisations) {
    Dataset<Row> trusts = organisations.where(col("org_level").equalTo("trust"))
        .groupBy(col("org_code").as("_code"))
        .agg(max("system_code").as("_system"), max("region_code").as("_region"), max("org_name").as("_name"));
    return rows.join(broadcast(trusts), col("org_code").equalTo(col("_code")), "left")
        .withColumn("system_code", coalesce(col("_system"), lit(UNMAPPED)))
        .withColumn("region_code", coalesce(col("_region"), lit(UNMAPPED)))
        .withColumn("org_name", col("_name"))
        .drop("_code", "_system", "_region", "_name");
  }

  /** The catalog as a small table (indicator_id, measure_type) for joins. */
  public static Dataset<Row> catalogFrame(SparkSession spark, IndicatorCatalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (Indicator i : catalog.indicators()) {
      rows.add(RowFactory.create(i.id(), i.type().name()));
    }
    return spark.createDataFrame(rows, new StructType().add("indicator_id", DataTypes.StringType)
        .add("measure_type", DataTypes.StringType));
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
    return Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  static scala.collection.Seq<String> scalaSeq(String... names) {
    return scala.collection.JavaConverters.asScalaBufferConverter(Arrays.asList(names)).asScala().toSeq();
  }
}
