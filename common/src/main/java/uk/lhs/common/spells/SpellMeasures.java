package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.vocab.Cols;

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
 * </ul>
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
        }
        Dataset<Row> measures = aggregate(scored, runId);
        if (period != null) {
            measures = measures.filter(col(Cols.PERIOD_START).equalTo(lit(Date.valueOf(period + "-01"))));
        }
        return measures;
    }

    /**
     * Aggregates flagged, scored discharges ({@link ReadmissionRiskModel#score}) into measure rows.
     */
    public static Dataset<Row> aggregate(Dataset<Row> scored, String runId) {
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
                        sum(when(counted, col("expected_p")).otherwise(0.0)).as("expected"),
                        sum(when(ordinary, 1.0).otherwise(0.0)).as("ordinary"),
                        sum(when(ordinary, col("los_days").cast("double")).otherwise(0.0))
                                .as("los_total"),
                        sum(when(ordinary, expr("CAST(los_days AS DOUBLE) * CAST(los_days AS DOUBLE)"))
                                        .otherwise(0.0))
                                .as("los_squares"),
                        sum(when(ordinary.and(col("los_days").geq(SpellCodes.LONG_STAY_DAYS)), 1.0)
                                        .otherwise(0.0))
                                .as("long"));
        Column none = lit(null).cast(DataTypes.DoubleType);
        Column hasDischarges = col("discharges").gt(0);
        Column hasOrdinary = col("ordinary").gt(0);
        Column rows = array(
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
        return sums.select(
                        col(Cols.ORG_CODE),
                        col(Cols.PERIOD_START),
                        col(Cols.STRATUM),
                        explode(rows).as("m"))
                .filter(col("m.keep"))
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
