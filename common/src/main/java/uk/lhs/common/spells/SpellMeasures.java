package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.Stratum;

/**
 * {@code silver.spell_measures}: the patient-level indicators per discharging trust, discharge month and stratum.
 *
 * <ul>
 *   <li>{@code readmit_30d}: readmissions / OF 3b denominator discharges ({@link Readmissions}); months whose 30-day
 *       follow-up the data do not yet cover are left out.</li>
 *   <li>{@code readmit_30d_isr}: the same discharges with observed O and risk-model expected E
 *       ({@link ReadmissionRiskModel}); numerator O, denominator discharges. The interval is applied
 *       downstream (catalog type ratio).</li>
 *   <li>{@code los_mean}: total length of stay in days / ordinary admissions (CLASSPAT 1) discharged in the month,
 *       with the sum of squared stays ({@code sum_squares}) for the interval of the mean.</li>
 *   <li>{@code los_21plus}: ordinary admissions with a stay of 21 days or more / ordinary admissions.</li>
 *   <li>{@code readmit_30d_12m}, {@code readmit_30d_isr_12m}, {@code readmit_30d_isr_cells_12m}: the NHS OF 3b
 *       annual basis ({@link #ROLLING_MONTHS}): each month's row sums the discharges, readmissions and expected
 *       counts of the 12 discharge months ending in it — never an average of monthly rates — and exists only when
 *       the trust has discharges with complete 30-day follow-up in each of those 12 months (otherwise the month is
 *       absent, which the indicator engine shows as {@code no_data} for a member trust). The row of a March covers
 *       the financial year April–March. {@code readmit_30d_isr_cells_12m} has the classical, cell-based expected
 *       count ({@link #withCellRates}) instead of the model's.</li>
 * </ul>
 *
 * <p>Expected counts are summed as {@code decimal(38,18)} and cast to double at the end: decimal addition is exact,
 * so E does not depend on the order Spark adds the rows in (a standalone cluster and local mode give the same
 * doubles; issue #19). The other sums add whole numbers held exactly in doubles.
 *
 * <p>Strata (equity lens): {@code all}; IMD quintile {@code imd_q1} (deciles 1-2, most deprived) to {@code imd_q5}
 * (unknown IMD only in {@code all}, as the specification groups invalid deprivation values); age band
 * {@code age_0_15}, {@code age_16_64}, {@code age_65_74}, {@code age_75_84}, {@code age_85plus}; {@code sex_male},
 * {@code sex_female}.
 */
public final class SpellMeasures {
    private SpellMeasures() {}

    /** Months in the standard population of the risk model: the first year of the series (spec v5.0 p13). */
    public static final int STANDARD_POPULATION_MONTHS = 12;

    /** Discharge months summed by the rolling 12-month measures (NHS OF 3b is annual: a financial year). */
    public static final int ROLLING_MONTHS = 12;

    /**
     * Case-mix groups with fewer standard-population discharges than this are pooled into their specialty type's
     * "other" group for the cell-based expected count, the grouping rule of {@link ReadmissionRiskModel} (30).
     */
    public static final long CELL_MIN_GROUP_DISCHARGES = 30;

    /** Exact decimal type the expected counts are summed in (18 decimal places; up to 10^20). */
    private static final DataType EXACT = DataTypes.createDecimalType(38, 18);

    /** The classical standardisation cells: the risk model's factors (spec v5.0 p13), crossed. */
    private static final String[] CELL = {"age_band", "sex", "elective", "_cell_group"};

    /**
     * Computes every measure.
     *
     * @param spells rows of {@code silver.spells} (all history: readmission linkage and the prior-year cancer rule
     *     look across months)
     * @param period {@code YYYY-MM} to keep one discharge month, or null for all
     * @param runId stamped as {@code run_id}
     * @return rows matching {@code SpellTables.SPELL_MEASURES}
     */
    public static Dataset<Row> compute(Dataset<Row> spells, String period, String runId) {
        return compute(spells, period, runId, fit -> {});
    }

    /**
     * As {@link #compute(Dataset, String, String)}, handing the risk model's fit ({@code gold.model_fit}) to
     * {@code fitted} when the model is fitted.
     */
    public static Dataset<Row> compute(
            Dataset<Row> spells,
            String period,
            String runId,
            java.util.function.Consumer<ReadmissionRiskModel.FitSummary> fitted) {
        Dataset<Row> flagged = Readmissions.flag(spells).cache();
        Row first = flagged.filter(col("in_denominator").and(col("follow_up_complete")))
                .agg(min(col(Cols.PERIOD_START)))
                .first();
        Dataset<Row> scored;
        if (first.isNullAt(0)) {
            scored = flagged.withColumn("expected_p", lit(null).cast(DataTypes.DoubleType));
        } else {
            LocalDate start = ((Date) first.get(0)).toLocalDate();
            Column standard =
                    col(Cols.PERIOD_START).lt(lit(Date.valueOf(start.plusMonths(STANDARD_POPULATION_MONTHS))));
            ReadmissionRiskModel model = ReadmissionRiskModel.fit(flagged, standard);
            fitted.accept(model.fitSummary());
            scored = model.score(flagged);
            scored = withCellRates(scored, flagged, standard);
        }
        Dataset<Row> measures = aggregate(scored, runId);
        flagged.unpersist();
        if (period != null) {
            measures = measures.filter(col(Cols.PERIOD_START).equalTo(lit(Date.valueOf(period + "-01"))));
        }
        return measures;
    }

    /**
     * Adds {@code expected_cell}, each denominator discharge's reference rate for classical indirect standardisation
     * ({@code uk.lhs.common.stats.IndirectStandardisation}; PHE calculate_ISRatio): the readmission rate of its cell
     * in the standard population, the cells being age band × sex × elective or not × case-mix group, with groups of
     * fewer than {@value #CELL_MIN_GROUP_DISCHARGES} standard discharges pooled per specialty type as the risk model
     * pools them. Summed over a trust's discharges it gives E = Σ cells n × reference rate. A cell with no standard
     * discharge (possible only outside the standard year) takes the standard population's crude rate, so O is the
     * same as the model-based ISR's.
     *
     * @param scored the discharges to add the rate to (e.g. scored by the risk model), with {@code age_band},
     *     {@code sex}, {@code elective}, {@code casemix_group} and {@code in_denominator}
     * @param flagged flagged discharges ({@link Readmissions#flag}) the standard population is taken from
     * @param standard the standard-population condition the risk model is fitted on
     */
    public static Dataset<Row> withCellRates(Dataset<Row> scored, Dataset<Row> flagged, Column standard) {
        Column population = col("in_denominator").and(col("follow_up_complete")).and(standard);
        Column readmitted = when(col("readmitted"), 1L).otherwise(0L);
        List<Row> groupRows = flagged.filter(population)
                .groupBy("casemix_group")
                .agg(count(lit(1)).as("n"), sum(readmitted).as("y"))
                .collectAsList();
        List<String> kept = new ArrayList<>();
        long n = 0;
        long y = 0;
        for (Row r : groupRows) {
            n += r.getLong(1);
            y += r.getLong(2);
            if (r.getLong(1) >= CELL_MIN_GROUP_DISCHARGES && !r.isNullAt(0)) {
                kept.add(r.getString(0));
            }
        }
        Column crudeRate = n == 0 ? lit(null).cast(DataTypes.DoubleType) : lit((double) y / n);
        Column group = col("casemix_group");
        Column pooled = kept.isEmpty()
                ? concat(org.apache.spark.sql.functions.substring(group, 1, 1), lit(":other"))
                : when(group.isin(kept.toArray()), group)
                        .otherwise(concat(org.apache.spark.sql.functions.substring(group, 1, 1), lit(":other")));
        Dataset<Row> rates = flagged.filter(population)
                .withColumn("_cell_group", pooled)
                .groupBy(Arrays.stream(CELL)
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(Column[]::new))
                .agg(sum(readmitted).divide(count(lit(1))).as("_cell_rate"));
        for (String c : CELL) {
            rates = rates.withColumnRenamed(c, "_r_" + c);
        }
        Column on = lit(true);
        for (String c : CELL) {
            on = on.and(col(c).eqNullSafe(col("_r_" + c)));
        }
        Dataset<Row> joined = scored.withColumn("_cell_group", pooled)
                .join(broadcast(rates), on, "left")
                .withColumn("expected_cell", when(col("in_denominator"), coalesce(col("_cell_rate"), crudeRate)));
        for (String c : CELL) {
            joined = joined.drop("_r_" + c);
        }
        return joined.drop("_cell_rate", "_cell_group");
    }

    /**
     * Aggregates flagged, scored discharges ({@link ReadmissionRiskModel#score}) into measure rows. The monthly sums
     * are computed eagerly (one Spark job) and locally checkpointed, so the returned rows' plan does not carry the
     * discharges' lineage.
     */
    public static Dataset<Row> aggregate(Dataset<Row> scored, String runId) {
        if (!Arrays.asList(scored.columns()).contains("expected_cell")) {
            scored = scored.withColumn("expected_cell", lit(null).cast(DataTypes.DoubleType));
        }
        Column imd = when(
                col("imd_decile").between(1, 10), concat(lit("imd_q"), expr("CAST((imd_decile + 1) DIV 2 AS STRING)")));
        Column age = when(col("age_years").lt(16), lit("age_0_15"))
                .when(col("age_years").lt(65), lit("age_16_64"))
                .when(col("age_years").lt(75), lit("age_65_74"))
                .when(col("age_years").lt(85), lit("age_75_84"))
                .otherwise(lit("age_85plus"));
        Column sex =
                when(col("sex").equalTo("1"), lit("sex_male")).when(col("sex").equalTo("2"), lit("sex_female"));
        Dataset<Row> strata = scored.withColumn("_imd", imd)
                .withColumn("_age", age)
                .withColumn("_sex", sex)
                .withColumn(Cols.STRATUM, explode(expr("filter(array('all', _imd, _age, _sex), s -> s IS NOT NULL)")));
        Column counted = col("in_denominator").and(col("follow_up_complete"));
        Column ordinary = col("patient_class").equalTo("1");
        Dataset<Row> sums = strata.groupBy(Cols.ORG_CODE, Cols.PERIOD_START, Cols.STRATUM)
                .agg(
                        sum(when(counted, 1.0).otherwise(0.0)).as("discharges"),
                        sum(when(counted.and(col("readmitted")), 1.0).otherwise(0.0))
                                .as("readmissions"),
                        exactSum(when(counted, col("expected_p"))).as("expected"),
                        exactSum(when(counted, col("expected_cell"))).as("expected_cell"),
                        sum(when(ordinary, 1.0).otherwise(0.0)).as("ordinary"),
                        sum(when(ordinary, col("los_days").cast("double")).otherwise(0.0))
                                .as("los_total"),
                        sum(when(ordinary, expr("CAST(los_days AS DOUBLE) * CAST(los_days AS DOUBLE)"))
                                        .otherwise(0.0))
                                .as("los_squares"),
                        sum(when(ordinary.and(col("los_days").geq(SpellCodes.LONG_STAY_DAYS)), 1.0)
                                        .otherwise(0.0))
                                .as("long"))
                // Computed once here and cut from the spells' lineage: the monthly and the 12-month rows both read
                // these few rows per trust, month and stratum, and the optimiser's constraint propagation over two
                // copies of the linkage and scoring plan exhausted the heap (issue #19).
                .localCheckpoint();
        Column none = lit(null).cast(DataTypes.DoubleType);
        Column hasDischarges = col("discharges").gt(0);
        Column hasOrdinary = col("ordinary").gt(0);
        Column monthly = array(
                row("readmit_30d", col("readmissions"), col("discharges"), none, none, none, hasDischarges),
                row(
                        "readmit_30d_isr",
                        col("readmissions"),
                        col("discharges"),
                        col("readmissions"),
                        col("expected"),
                        none,
                        hasDischarges),
                row("los_mean", col("los_total"), col("ordinary"), none, none, col("los_squares"), hasOrdinary),
                row("los_21plus", col("long"), col("ordinary"), none, none, none, hasOrdinary));
        Column rolling = array(
                row("readmit_30d_12m", col("readmissions"), col("discharges"), none, none, none, hasDischarges),
                row(
                        "readmit_30d_isr_12m",
                        col("readmissions"),
                        col("discharges"),
                        col("readmissions"),
                        col("expected"),
                        none,
                        hasDischarges),
                row(
                        "readmit_30d_isr_cells_12m",
                        col("readmissions"),
                        col("discharges"),
                        col("readmissions"),
                        col("expected_cell"),
                        none,
                        hasDischarges.and(col("expected_cell").isNotNull())));
        Column[] keys = {col(Cols.ORG_CODE), col(Cols.PERIOD_START), col(Cols.STRATUM)};
        return measureRows(
                        sums.select(keys[0], keys[1], keys[2], explode(monthly).as("m")), runId)
                .unionByName(measureRows(
                        rolling12(sums)
                                .select(
                                        keys[0],
                                        keys[1],
                                        keys[2],
                                        explode(rolling).as("m")),
                        runId));
    }

    /**
     * The rolling 12-month sums of the readmission columns: each monthly row is counted in the 12 windows that end
     * in its month or the 11 after it, the windows are summed per trust and stratum, and a window is kept only when
     * the trust's stratum {@code all} has follow-up-complete discharges in each of its 12 months. A stratum with
     * discharges somewhere in a kept window gets a row (months without its discharges add 0).
     *
     * <p>One aggregation and one window function over the small monthly sums, without a join: the window's count of
     * complete months is taken from its stratum-{@code all} row and spread to the window's other strata by a window
     * partitioned by trust and end month. (A self-join of the windows to their counts made the optimiser's plan, and
     * its constraint sets, grow with the spells' lineage on both sides; issue #19.)
     *
     * @param sums monthly sums per trust, month and stratum ({@code discharges}, {@code readmissions},
     *     {@code expected} and {@code expected_cell} as exact decimals)
     * @return the same columns, {@code period_start} being the last month of each window
     */
    static Dataset<Row> rolling12(Dataset<Row> sums) {
        Column ends = explode(sequence(lit(0), lit(ROLLING_MONTHS - 1))).as("_k");
        Column completeMonth = when(
                col(Cols.STRATUM).equalTo(Stratum.ALL).and(col("discharges").gt(0)), lit(1));
        return sums.select(
                        col(Cols.ORG_CODE),
                        col(Cols.PERIOD_START),
                        col(Cols.STRATUM),
                        col("discharges"),
                        col("readmissions"),
                        col("expected"),
                        col("expected_cell"),
                        ends)
                .groupBy(
                        col(Cols.ORG_CODE),
                        add_months(col(Cols.PERIOD_START), col("_k")).as("_end"),
                        col(Cols.STRATUM))
                .agg(
                        sum("discharges").as("discharges"),
                        sum("readmissions").as("readmissions"),
                        sum("expected").as("expected"),
                        sum("expected_cell").as("expected_cell"),
                        count(completeMonth).as("_months"))
                .withColumn("_complete_months", max(col("_months")).over(Window.partitionBy(Cols.ORG_CODE, "_end")))
                .filter(col("_complete_months").equalTo(ROLLING_MONTHS))
                .select(
                        col(Cols.ORG_CODE),
                        col("_end").as(Cols.PERIOD_START),
                        col(Cols.STRATUM),
                        col("discharges"),
                        col("readmissions"),
                        col("expected"),
                        col("expected_cell"));
    }

    /**
     * An exact, order-independent sum of a double column: each value rounded once to {@code decimal(38,18)} and the
     * decimals added exactly (null when every value is null). Plain double addition depends on the order Spark
     * meets the rows, which differs between a cluster and local mode.
     */
    static Column exactSum(Column x) {
        return sum(x.cast(EXACT));
    }

    private static Dataset<Row> measureRows(Dataset<Row> exploded, String runId) {
        return exploded.filter(col("m.keep"))
                .select(
                        col(Cols.ORG_CODE),
                        col(Cols.PERIOD_START),
                        col("m.indicator_id").as(Cols.INDICATOR_ID),
                        col(Cols.STRATUM),
                        col("m.numerator").as(Cols.NUMERATOR),
                        col("m.denominator").as(Cols.DENOMINATOR),
                        col("m.observed").as("observed"),
                        col("m.expected").as("expected"),
                        col("m.sum_squares").as("sum_squares"),
                        lit(runId).as(Cols.RUN_ID));
    }

    private static Column row(
            String indicator,
            Column numerator,
            Column denominator,
            Column observed,
            Column expected,
            Column sumSquares,
            Column keep) {
        return org.apache.spark.sql.functions.struct(
                lit(indicator).as(Cols.INDICATOR_ID),
                numerator.cast(DataTypes.DoubleType).as(Cols.NUMERATOR),
                denominator.cast(DataTypes.DoubleType).as(Cols.DENOMINATOR),
                observed.cast(DataTypes.DoubleType).as("observed"),
                expected.cast(DataTypes.DoubleType).as("expected"),
                sumSquares.cast(DataTypes.DoubleType).as("sum_squares"),
                keep.as("keep"));
    }
}
