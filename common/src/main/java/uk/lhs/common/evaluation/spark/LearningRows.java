package uk.lhs.common.evaluation.spark;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.learning.Learning;
import uk.lhs.common.evaluation.learning.LearningStatements;
import uk.lhs.common.evaluation.learning.PooledEffect;
import uk.lhs.common.evaluation.learning.SiteEffect;
import uk.lhs.common.evaluation.meta.MetaMethod;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.meta.MetaResult;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.OrgLevel;

/**
 * Rows of {@code gold.learning} ({@link EvaluationTables#LEARNING} column order, without the published stamps) from
 * rows of {@code gold.intervention_effects}: the trust-level method rows of typed interventions are collected to the
 * driver (a handful per intervention) and pooled by {@link Learning}. The standard error of each site is the row's
 * {@code se} detail, else derived from its interval ({@link SiteEffect#standardError}).
 */
public final class LearningRows {
    private LearningRows() {}

    /** The catalog title column of gold.indicator_values (absent from some test fixtures: the id is used then). */
    static final String INDICATOR_TITLE = "indicator_title";

    /**
     * Pools the effects of every typed intervention of the register.
     *
     * @param effects rows shaped like gold.intervention_effects (or its published twin)
     * @param indicatorValues rows shaped like gold.indicator_values (unit and, when present, title of each indicator)
     * @param register the register the effects were computed for (gives each intervention's type)
     * @param options the meta-analysis estimator and interval
     * @param runId run id stamped on every row
     * @return rows conforming to {@link EvaluationTables#LEARNING}
     */
    public static Dataset<Row> learning(
            Dataset<Row> effects,
            Dataset<Row> indicatorValues,
            InterventionRegister register,
            MetaOptions options,
            String runId) {
        Map<String, String> types = new HashMap<>();
        for (Intervention i : register.entries()) {
            if (i.type() != null) {
                types.put(i.id(), i.type());
            }
        }
        List<Row> collected = types.isEmpty()
                ? List.of()
                : effects.filter(col(Cols.ORG_LEVEL)
                                .equalTo(OrgLevel.TRUST.label())
                                .and(col("method").isin(Learning.METHODS.toArray()))
                                .and(col(Cols.INTERVENTION_ID)
                                        .isin(types.keySet().toArray()))
                                .and(col("estimate").isNotNull()))
                        .select(
                                Cols.INTERVENTION_ID,
                                Cols.INDICATOR_ID,
                                "method",
                                Cols.ORG_CODE,
                                Cols.ORG_NAME,
                                "estimate",
                                "ci_lower",
                                "ci_upper",
                                "details",
                                "intervention_start",
                                "comparator_codes")
                        .collectAsList();
        List<SiteEffect> sites = sites(collected, types);
        Map<String, LearningStatements.Indicator> indicators = new HashMap<>();
        boolean titled = java.util.Arrays.asList(indicatorValues.columns()).contains(INDICATOR_TITLE);
        if (!sites.isEmpty()) {
            for (Row r : indicatorValues
                    .filter(col(Cols.INDICATOR_ID)
                            .isin(sites.stream()
                                    .map(SiteEffect::indicatorId)
                                    .distinct()
                                    .toArray()))
                    .select(
                            col(Cols.INDICATOR_ID),
                            col(Cols.UNIT),
                            titled
                                    ? col(INDICATOR_TITLE)
                                    : org.apache.spark.sql.functions.lit(null).cast("string"))
                    .distinct()
                    .collectAsList()) {
                indicators.putIfAbsent(
                        r.getString(0), new LearningStatements.Indicator(r.getString(1), r.getString(2)));
            }
        }
        return effects.sparkSession()
                .createDataFrame(
                        rows(Learning.pool(sites, options, indicators), runId), EvaluationTables.LEARNING.schema());
    }

    /**
     * The sites in collected effect rows (columns intervention_id, indicator_id, method, org_code, org_name, estimate,
     * ci_lower, ci_upper, details, intervention_start, comparator_codes); rows of untyped interventions, and rows with
     * no usable standard error, are left out.
     */
    static List<SiteEffect> sites(List<Row> rows, Map<String, String> types) {
        List<SiteEffect> out = new ArrayList<>();
        for (Row r : rows) {
            String type = types.get(r.<String>getAs(Cols.INTERVENTION_ID));
            Double estimate = r.getAs("estimate");
            if (type == null || estimate == null || !Double.isFinite(estimate)) {
                continue;
            }
            double lo = number(r.getAs("ci_lower"));
            double hi = number(r.getAs("ci_upper"));
            Double recorded = null;
            List<Row> details = r.isNullAt(r.fieldIndex("details")) ? List.of() : r.getList(r.fieldIndex("details"));
            for (Row d : details) {
                if ("se".equals(d.getString(0)) && !d.isNullAt(1)) {
                    recorded = d.getDouble(1);
                }
            }
            double se = SiteEffect.standardError(recorded, lo, hi);
            if (!Double.isFinite(se)) {
                continue;
            }
            List<String> comparators = r.isNullAt(r.fieldIndex("comparator_codes"))
                    ? List.of()
                    : r.getList(r.fieldIndex("comparator_codes"));
            out.add(new SiteEffect(
                    type,
                    r.getAs(Cols.INTERVENTION_ID),
                    r.getAs(Cols.INDICATOR_ID),
                    r.getAs("method"),
                    r.getAs(Cols.ORG_CODE),
                    r.getAs(Cols.ORG_NAME),
                    estimate,
                    lo,
                    hi,
                    se,
                    r.<Date>getAs("intervention_start").toLocalDate(),
                    comparators));
        }
        return out;
    }

    /** One row per pooled effect, in {@link EvaluationTables#LEARNING} column order (NaN written as null). */
    static List<Row> rows(List<PooledEffect> pooled, String runId) {
        List<Row> out = new ArrayList<>();
        for (PooledEffect p : pooled) {
            MetaResult m = p.result();
            List<Row> sites = new ArrayList<>();
            for (int i = 0; i < p.sites().size(); i++) {
                SiteEffect s = p.sites().get(i);
                sites.add(RowFactory.create(
                        s.interventionId(),
                        s.orgCode(),
                        s.orgName(),
                        orNull(s.estimate()),
                        orNull(s.ciLower()),
                        orNull(s.ciUpper()),
                        orNull(p.weights().get(i))));
            }
            List<Row> caveats = new ArrayList<>();
            for (Caveat c : p.caveats()) {
                caveats.add(RowFactory.create(c.code().name(), c.severity().label(), c.message()));
            }
            out.add(RowFactory.create(
                    p.interventionType(),
                    p.indicatorId(),
                    p.method(),
                    m.method().name().toLowerCase(Locale.ROOT),
                    m.k(),
                    SparkRows.seq(new ArrayList<>(new TreeSet<>(
                            p.sites().stream().map(SiteEffect::orgCode).toList()))),
                    SparkRows.seq(sites),
                    orNull(m.estimate()),
                    orNull(m.se()),
                    orNull(m.ciLower()),
                    orNull(m.ciUpper()),
                    orNull(m.tau2()),
                    orNull(m.i2()),
                    orNull(m.q()),
                    m.qDf(),
                    orNull(m.qP()),
                    orNull(m.piLower()),
                    orNull(m.piUpper()),
                    m.hartungKnapp(),
                    SparkRows.seq(caveats),
                    p.statement(),
                    runId));
        }
        return out;
    }

    /** Options from the configured method name (reml, dl or fe) and Hartung–Knapp switch. */
    public static MetaOptions options(String method, boolean hartungKnapp) {
        return new MetaOptions(MetaMethod.valueOf(method.toUpperCase(Locale.ROOT)), hartungKnapp);
    }

    private static double number(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
