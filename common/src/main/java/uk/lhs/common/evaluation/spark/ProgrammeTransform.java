package uk.lhs.common.evaluation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.programme.ProgrammeEvaluator;
import uk.lhs.common.evaluation.programme.ProgrammeInput;
import uk.lhs.common.evaluation.programme.ProgrammePanels;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.staggered.StaggeredOptions;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Stratum;

/**
 * Turns {@code gold.indicator_values} (or its published twin) and the register's programmes (entries with a
 * rollout) into rows of {@code gold.programme_effects}, one programme × indicator at a time by
 * {@link ProgrammeEvaluator}.
 *
 * <p>Panel: trust-level values of the 'all' stratum (a value counts when the status is ok, partial or low_count;
 * otherwise the month is a gap); which trusts are treated and which compared: {@link ProgrammePanels}. A programme's
 * panel is trusts × months of one indicator (thousands of rows), and the
 * estimator needs all of it at once, so each is collected to the driver.
 *
 * <p>Input columns used: indicator_id, org_level, org_code, period_start, stratum, status, value, unit, and
 * {@link EvaluationTransform#REVISED_BY} when present ({@link EvaluationTransform#withRevisions}: REVISED_DATA);
 * {@code silver.organisations} — org_code, org_level, system_code, close_date, successor_code.
 */
public final class ProgrammeTransform {
    private ProgrammeTransform() {}

    /**
     * Evaluates every programme of the register.
     *
     * @param indicatorValues rows shaped like gold.indicator_values
     * @param organisations rows shaped like silver.organisations
     * @param register the (validated) register
     * @param options estimator options (comparison group, base period, bootstrap)
     * @param runId run id stamped on every row
     * @return rows conforming to {@link EvaluationTables#PROGRAMME_EFFECTS} (without the published stamps)
     */
    public static Dataset<Row> effects(
            Dataset<Row> indicatorValues,
            Dataset<Row> organisations,
            InterventionRegister register,
            StaggeredOptions options,
            String runId) {
        List<Row> out = new ArrayList<>();
        Map<String, List<String>> systemTrusts = new HashMap<>();
        Set<String> changed = new HashSet<>();
        for (Row o : organisations
                .filter(col(Cols.ORG_LEVEL).equalTo(OrgLevel.TRUST.label()))
                .select(Cols.ORG_CODE, Cols.SYSTEM_CODE, "close_date", "successor_code")
                .collectAsList()) {
            if (!o.isNullAt(1)) {
                systemTrusts
                        .computeIfAbsent(o.getString(1), k -> new ArrayList<>())
                        .add(o.getString(0));
            }
            if (!o.isNullAt(2) || !o.isNullAt(3)) {
                changed.add(o.getString(0));
            }
            if (!o.isNullAt(3)) {
                changed.add(o.getString(3));
            }
        }
        for (Intervention p : register.entries()) {
            if (!p.programme()) {
                continue;
            }
            for (String indicator : p.indicators()) {
                out.addAll(ProgrammeRows.of(
                        ProgrammeEvaluator.evaluate(
                                input(indicatorValues, register, systemTrusts, changed, p, indicator, options)),
                        runId));
            }
        }
        return indicatorValues.sparkSession().createDataFrame(out, EvaluationTables.PROGRAMME_EFFECTS.schema());
    }

    /** The evaluator's input for one programme × indicator: the trusts' series collected, then {@link ProgrammePanels}. */
    static ProgrammeInput input(
            Dataset<Row> indicatorValues,
            InterventionRegister register,
            Map<String, List<String>> systemTrusts,
            Set<String> changedOrgs,
            Intervention p,
            String indicator,
            StaggeredOptions options) {
        Map<String, Map<YearMonth, Double>> series = new TreeMap<>();
        Map<String, List<Revision>> revisions = new HashMap<>();
        String unit = null;
        for (Row r : indicatorValues
                .filter(col(Cols.INDICATOR_ID)
                        .equalTo(indicator)
                        .and(col(Cols.ORG_LEVEL).equalTo(OrgLevel.TRUST.label()))
                        .and(col(Cols.STRATUM).equalTo(Stratum.ALL)))
                .select(
                        col(Cols.ORG_CODE),
                        col(Cols.PERIOD_START).cast(DateType),
                        when(
                                        col(Cols.STATUS)
                                                .isNull()
                                                .or(col(Cols.STATUS).isin("ok", "partial", "low_count")),
                                        col(Cols.VALUE).cast("double"))
                                .as(Cols.VALUE),
                        col(Cols.UNIT),
                        EvaluationTransform.revisedBy(indicatorValues))
                .collectAsList()) {
            if (r.isNullAt(1)) {
                continue;
            }
            LocalDate month = r.getDate(1).toLocalDate();
            series.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                    .put(YearMonth.from(month), r.isNullAt(2) ? null : r.getDouble(2));
            unit = unit != null || r.isNullAt(3) ? unit : r.getString(3);
            Revision revised = EvaluationTransform.revision(r, month);
            if (revised != null) {
                revisions
                        .computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                        .add(revised);
            }
        }
        return ProgrammePanels.input(
                register, systemTrusts, changedOrgs, p, indicator, series, unit, options, revisions);
    }
}
