package uk.lhs.common.evaluation.spark;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.EvaluationResult;
import uk.lhs.common.evaluation.MethodResult;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.tables.EvaluationTables;

/**
 * Rows of {@code gold.intervention_effects} (columns in {@link EvaluationTables#INTERVENTION_EFFECTS} order) for one
 * evaluated unit: one per method plus the summary. NaN figures (a method that could not run) are written as null;
 * details are sorted by name so identical inputs give identical rows.
 */
public final class EffectRows {
    private EffectRows() {}

    /**
     * Builds the rows.
     *
     * @param u the unit
     * @param result the evaluator's result
     * @return six rows: pre_post, spc, its, did, synthetic_control, summary
     */
    public static List<Row> of(UnitContext u, EvaluationResult result) {
        List<Row> out = new ArrayList<>();
        Intervention i = u.intervention();
        for (MethodResult r : result.rows()) {
            boolean summary = r.attribution() != null;
            out.add(RowFactory.create(
                    i.id(),
                    u.orgLevel(),
                    u.orgCode(),
                    u.indicatorId(),
                    r.method().label(),
                    u.orgName(),
                    Date.valueOf(u.start()),
                    Date.valueOf(u.firstPostMonth()),
                    i.expectedDirection().name().toLowerCase(Locale.ROOT),
                    orNull(r.estimate()),
                    orNull(r.ciLower()),
                    orNull(r.ciUpper()),
                    orNull(r.pValue()),
                    r.prePeriods(),
                    r.postPeriods(),
                    summary ? r.attribution().label() : null,
                    summary ? SparkRows.seq(result.reasons()) : null,
                    SparkRows.seq(caveats(r.caveats())),
                    SparkRows.seq(details(r.details())),
                    SparkRows.seq(u.comparatorCodes()),
                    u.contextSeries(),
                    Statements.of(u, r),
                    u.runId()));
        }
        return out;
    }

    private static List<Row> caveats(List<Caveat> caveats) {
        List<Row> out = new ArrayList<>();
        for (Caveat c : caveats) {
            out.add(RowFactory.create(c.code().name(), c.severity().label(), c.message()));
        }
        return out;
    }

    private static List<Row> details(Map<String, Double> details) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(details).entrySet()) {
            out.add(RowFactory.create(e.getKey(), orNull(e.getValue())));
        }
        return out;
    }

    private static Double orNull(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
