package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.vocab.Cols;

/**
 * The case-mix risk model behind {@code readmit_30d_isr}: a logistic regression of readmission on the NHS OF 3b
 * standardisation variables (specification v5.0 p13): age band, sex, admission method of the discharge spell
 * (elective / non-elective), medical or surgical specialty and the 3-character diagnosis or procedure group. It is
 * fitted on a standard population (the specification uses the first year of the series) and predicts each
 * denominator discharge's probability of readmission; the sum over a trust's discharges is its expected count E, so
 * ISR = O / E (indirect standardisation, spec p13-14).
 *
 * <p>The fit runs on case-mix cells, not patients: each cell's events y out of n discharges (the binomial likelihood
 * factorises by cell, so this is the same maximum-likelihood estimate as one row per discharge). The cells (hundreds
 * to a few thousand) are collected and fitted on the driver by Newton / IRLS ({@link CaseMixModel}): no Spark job per
 * iteration, and a fixed summation order, so the same data give the same bits on any cluster.
 *
 * <p>Pooling, as the specification's grouping steps pool procedures into a "no procedure" basket: a diagnosis or
 * procedure group with fewer than {@link #MIN_GROUP_DISCHARGES} standard-population discharges, or with no readmission
 * (or only readmissions) among them, is pooled into one {@code <specialty>:other} group per specialty type. What
 * separation remains (another factor's level with no event, a combination of levels) is handled by a ridge penalty
 * chosen by cross-validation, and no discharge's probability is below {@link CaseMixModel}'s floor ({@code 0.5 / N}).
 * Without separation the fit is unpenalised, and with or without the penalty the intercept is not penalised, so the
 * expected counts sum to the observed count over the standard population (the intercept's score equation).
 */
public final class ReadmissionRiskModel {
    /**
     * Groups with fewer standard-population discharges than this are pooled into one "other" group per specialty type,
     * so no coefficient rests on a handful of spells.
     */
    public static final long MIN_GROUP_DISCHARGES = 30;

    /** The indicator whose expected counts the model gives (gold.model_fit's key). */
    public static final String INDICATOR_ID = "readmit_30d_isr";

    /**
     * The model's factors, in design order: group before specialty, so the specialty (nested in the group) is the
     * aliased one.
     */
    public static final List<String> FACTORS = List.of("age_band", "sex", "method", "group", "specialty");

    private final CaseMixModel model;
    private final Set<String> keptGroups;
    private final double crudeRate;
    private final FitSummary summary;

    /**
     * One fit, as gold.model_fit records it.
     *
     * @param standardStart first discharge month of the standard population
     * @param standardEnd last discharge month of the standard population
     * @param groupsPooled groups pooled because they had no readmission or only readmissions in the standard
     *     population
     * @param smallGroupsPooled groups pooled because they had fewer than {@link #MIN_GROUP_DISCHARGES} discharges
     * @param fit the case-mix model's own summary
     */
    public record FitSummary(
            LocalDate standardStart,
            LocalDate standardEnd,
            List<String> groupsPooled,
            int smallGroupsPooled,
            CaseMixModel.Summary fit) {
        /** The gold.model_fit row (contract {@code ModelTables.MODEL_FIT} column order). */
        public Row row(String runId, Timestamp computedAt) {
            return RowFactory.create(
                    INDICATOR_ID,
                    Date.valueOf(standardStart),
                    Date.valueOf(standardEnd),
                    (long) fit.discharges(),
                    (long) fit.events(),
                    fit.cells(),
                    fit.parameters(),
                    scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(groupsPooled))
                            .toList(),
                    smallGroupsPooled,
                    fit.separationDetected(),
                    fit.separationReason(),
                    fit.lambda(),
                    fit.penaltyChoice(),
                    fit.cvFolds(),
                    fit.cvLogLoss(),
                    fit.probabilityFloor(),
                    fit.minimumProbability(),
                    finite(fit.statistics().cStatistic()),
                    finite(fit.statistics().calibrationInTheLarge()),
                    finite(fit.statistics().calibrationSlope()),
                    finite(fit.statistics().brierScore()),
                    fit.iterations(),
                    fit.converged(),
                    runId,
                    computedAt);
        }

        /**
         * The gold.model_fit_published row: the standard population's discharges and events (national totals) under
         * disclosure control — both suppressed (null) when either, or the non-events, is small, else rounded — and
         * the thresholds stamped.
         */
        public Row publishedRow(String runId, Timestamp computedAt, Thresholds thresholds) {
            Row exact = row(runId, computedAt);
            Object[] values = new Object[exact.length() + 2];
            for (int i = 0; i < exact.length(); i++) {
                values[i] = exact.get(i);
            }
            double n = fit.discharges();
            double y = fit.events();
            boolean hide = thresholds.small(n) || thresholds.small(y) || thresholds.small(n - y);
            values[3] = hide ? null : (long) thresholds.round(n);
            values[4] = hide ? null : (long) thresholds.round(y);
            values[exact.length()] = thresholds.suppressBelow();
            values[exact.length() + 1] = thresholds.roundTo();
            return RowFactory.create(values);
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    private ReadmissionRiskModel(CaseMixModel model, Set<String> keptGroups, double crudeRate, FitSummary summary) {
        this.model = model;
        this.keptGroups = Set.copyOf(keptGroups);
        this.crudeRate = crudeRate;
        this.summary = summary;
    }

    /**
     * Fits the model.
     *
     * @param flagged output of {@link Readmissions#flag}
     * @param standard condition selecting the standard population among denominator discharges with complete
     *     follow-up, e.g. a range of {@code period_start}; {@code lit(true)} for all
     * @throws IllegalArgumentException when the standard population has no discharge
     */
    public static ReadmissionRiskModel fit(Dataset<Row> flagged, Column standard) {
        Dataset<Row> population = flagged.filter(
                col("in_denominator").and(col("follow_up_complete")).and(standard));
        Set<String> kept = new HashSet<>();
        List<String> pooled = new ArrayList<>();
        int small = 0;
        long n = 0;
        long y = 0;
        LocalDate first = null;
        LocalDate last = null;
        List<Row> groups = new ArrayList<>(population
                .groupBy("casemix_group")
                .agg(
                        count(lit(1)).as("n"),
                        sum(when(col("readmitted"), 1L).otherwise(0L)).as("y"),
                        min(col(Cols.PERIOD_START)),
                        max(col(Cols.PERIOD_START)))
                .collectAsList());
        groups.sort(java.util.Comparator.comparing(r -> String.valueOf(r.getString(0))));
        for (Row r : groups) {
            long gn = r.getLong(1);
            long gy = r.getLong(2);
            n += gn;
            y += gy;
            LocalDate from = r.getDate(3).toLocalDate();
            LocalDate to = r.getDate(4).toLocalDate();
            first = first == null || from.isBefore(first) ? from : first;
            last = last == null || to.isAfter(last) ? to : last;
            if (gn < MIN_GROUP_DISCHARGES) {
                small++;
            } else if (gy == 0 || gy == gn) {
                pooled.add(r.getString(0) + " (" + gy + " of " + gn + " readmitted)");
            } else {
                kept.add(r.getString(0));
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the standard population of the readmission risk model has no discharge;"
                    + " it needs denominator discharges with 30 days of follow-up in the data");
        }
        List<CaseMixModel.Cell> cells = new ArrayList<>();
        for (Row r : features(population, kept)
                .groupBy(factorColumns())
                .agg(
                        count(lit(1)).as("n"),
                        sum(when(col("readmitted"), 1L).otherwise(0L)).as("y"))
                .collectAsList()) {
            cells.add(new CaseMixModel.Cell(levels(r), r.getLong(FACTORS.size() + 1), r.getLong(FACTORS.size())));
        }
        CaseMixModel model = CaseMixModel.fit(FACTORS, cells);
        FitSummary summary = new FitSummary(first, last, List.copyOf(pooled), small, model.summary());
        return new ReadmissionRiskModel(model, kept, (double) y / n, summary);
    }

    /** The fitted case-mix model (coefficients, summary), for analysts (notebooks/03-readmissions-risk-model). */
    public CaseMixModel caseMixModel() {
        return model;
    }

    /** What the fit did: the row of gold.model_fit. */
    public FitSummary fitSummary() {
        return summary;
    }

    /** The overall crude readmission rate λ of the standard population (spec p14). */
    public double crudeRate() {
        return crudeRate;
    }

    /**
     * Adds {@code expected_p}, the modelled readmission probability, to every denominator discharge (null for others).
     *
     * @param flagged output of {@link Readmissions#flag}
     */
    public Dataset<Row> score(Dataset<Row> flagged) {
        Dataset<Row> withFeatures = features(flagged, keptGroups);
        // The distinct cells (a few thousand) are scored on the driver and joined back.
        List<Row> scoredCells = new ArrayList<>();
        for (Row r : withFeatures
                .filter(col("in_denominator"))
                .select(factorColumns())
                .distinct()
                .collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int f = 0; f < FACTORS.size(); f++) {
                values.add(r.get(f));
            }
            values.add(model.probability(levels(r)));
            scoredCells.add(RowFactory.create(values.toArray()));
        }
        StructType schema = new StructType();
        for (String f : FACTORS) {
            schema = schema.add("_c_" + f, DataTypes.StringType, true);
        }
        schema = schema.add("expected_p", DataTypes.DoubleType, false);
        Dataset<Row> probabilities = flagged.sparkSession().createDataFrame(scoredCells, schema);
        Column on = col("in_denominator");
        for (String f : FACTORS) {
            on = on.and(col(f).eqNullSafe(col("_c_" + f)));
        }
        List<String> drop = new ArrayList<>(List.of("method", "specialty", "group"));
        FACTORS.forEach(f -> drop.add("_c_" + f));
        return withFeatures.join(broadcast(probabilities), on, "left").drop(drop.toArray(String[]::new));
    }

    private static Column[] factorColumns() {
        return FACTORS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** A cell's levels; a null level (never expected: the factors are derived) reads as "unknown". */
    private static List<String> levels(Row r) {
        List<String> levels = new ArrayList<>(FACTORS.size());
        for (int f = 0; f < FACTORS.size(); f++) {
            levels.add(r.isNullAt(f) ? "unknown" : String.valueOf(r.get(f)));
        }
        return levels;
    }

    /** The model's factors as columns: pooled group, specialty type, elective or not. */
    private static Dataset<Row> features(Dataset<Row> flagged, Set<String> kept) {
        Column group = col("casemix_group");
        Column specialty = org.apache.spark.sql.functions.substring(group, 1, 1);
        Column pooled = kept.isEmpty()
                ? org.apache.spark.sql.functions.concat(specialty, lit(":other"))
                : when(group.isin(kept.toArray()), group)
                        .otherwise(org.apache.spark.sql.functions.concat(specialty, lit(":other")));
        return flagged.withColumn("group", pooled)
                .withColumn("specialty", specialty)
                .withColumn("method", when(col("elective"), lit("elective")).otherwise(lit("non_elective")));
    }
}
