package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The case-mix risk model behind {@code readmit_30d_isr}: a logistic regression (Spark MLlib) of readmission on the
 * NHS OF 3b standardisation variables (specification v5.0 p13): age band, sex, admission method of the discharge spell
 * (elective / non-elective), medical or surgical specialty and the 3-character diagnosis or procedure group. It is
 * fitted on a standard population (the specification uses the first year of the series) and predicts each
 * denominator discharge's probability of readmission; the sum over a trust's discharges is its expected count E, so
 * ISR = O / E (indirect standardisation, spec p13-14).
 *
 * <p>The fit runs on case-mix cells, not patients: each cell contributes a row for readmitted discharges (weight y)
 * and one for the others (weight n - y), which gives the same maximum-likelihood estimate as one row per discharge
 * (the binomial likelihood factorises by cell) at a fraction of the cost. Without regularisation and with an
 * intercept, the expected counts sum to the observed count over the standard population (logistic regression's
 * score equation for the intercept).
 */
public final class ReadmissionRiskModel {
    /**
     * Groups with fewer standard-population discharges than this are pooled into one "other" group per specialty type,
     * so no coefficient rests on a handful of spells.
     */
    public static final long MIN_GROUP_DISCHARGES = 30;
    /** L-BFGS iteration cap and tolerance: enough for the cell-level fit to converge to 1e-9. */
    private static final int MAX_ITERATIONS = 200;

    private static final double TOLERANCE = 1e-9;
    private static final List<String> FACTORS = List.of("age_band", "sex", "method", "specialty", "group");

    private final PipelineModel model;
    private final Set<String> keptGroups;
    private final double crudeRate;

    private ReadmissionRiskModel(PipelineModel model, Set<String> keptGroups, double crudeRate) {
        this.model = model;
        this.keptGroups = Set.copyOf(keptGroups);
        this.crudeRate = crudeRate;
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
        long n = 0;
        long y = 0;
        for (Row r : population
                .groupBy("casemix_group")
                .agg(
                        count(lit(1)).as("n"),
                        sum(when(col("readmitted"), 1).otherwise(0)).as("y"))
                .collectAsList()) {
            n += r.getLong(1);
            y += r.getLong(2);
            if (r.getLong(1) >= MIN_GROUP_DISCHARGES) {
                kept.add(r.getString(0));
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the standard population of the readmission risk model has no discharge;"
                    + " it needs denominator discharges with 30 days of follow-up in the data");
        }
        Dataset<Row> cells = features(population, kept)
                .groupBy(FACTORS.stream()
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(Column[]::new))
                .agg(
                        count(lit(1)).cast("double").as("n"),
                        sum(when(col("readmitted"), 1.0).otherwise(0.0)).as("y"));
        Dataset<Row> weighted = cells.withColumn("label", lit(1.0))
                .withColumn("weight", col("y"))
                .unionByName(cells.withColumn("label", lit(0.0)).withColumn("weight", col("n").minus(col("y"))))
                .filter(col("weight").gt(0));
        String[] indexed = FACTORS.stream().map(f -> f + "_ix").toArray(String[]::new);
        String[] encoded = FACTORS.stream().map(f -> f + "_oh").toArray(String[]::new);
        PipelineStage[] stages = {
            new StringIndexer()
                    .setInputCols(FACTORS.toArray(new String[0]))
                    .setOutputCols(indexed)
                    .setHandleInvalid("keep"),
            new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded).setHandleInvalid("keep"),
            new VectorAssembler().setInputCols(encoded).setOutputCol("features"),
            new LogisticRegression()
                    .setFamily("binomial")
                    .setWeightCol("weight")
                    .setRegParam(0.0)
                    .setStandardization(false)
                    .setMaxIter(MAX_ITERATIONS)
                    .setTol(TOLERANCE)
        };
        PipelineModel model = new Pipeline().setStages(stages).fit(weighted);
        return new ReadmissionRiskModel(model, kept, (double) y / n);
    }

    /**
     * The fitted Spark pipeline (string indexers, one-hot encoders, assembler, logistic regression), so an analyst can
     * read the coefficients (notebooks/03-readmissions-risk-model).
     */
    public PipelineModel pipelineModel() {
        return model;
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
        Dataset<Row> cells = withFeatures
                .filter(col("in_denominator"))
                .select(FACTORS.stream()
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(Column[]::new))
                .distinct();
        Dataset<Row> probabilities = model.transform(cells)
                .withColumn(
                        "expected_p",
                        functions.vector_to_array(col("probability"), "float64").getItem(1))
                .select(
                        col("age_band").as("_c_age"),
                        col("sex").as("_c_sex"),
                        col("method").as("_c_method"),
                        col("specialty").as("_c_specialty"),
                        col("group").as("_c_group"),
                        col("expected_p"));
        Column on = col("age_band")
                .eqNullSafe(col("_c_age"))
                .and(col("sex").eqNullSafe(col("_c_sex")))
                .and(col("method").eqNullSafe(col("_c_method")))
                .and(col("specialty").eqNullSafe(col("_c_specialty")))
                .and(col("group").eqNullSafe(col("_c_group")))
                .and(col("in_denominator"));
        return withFeatures
                .join(broadcast(probabilities), on, "left")
                .drop("_c_age", "_c_sex", "_c_method", "_c_specialty", "_c_group", "method", "specialty", "group");
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
