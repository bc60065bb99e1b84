package uk.lhs.common.evaluation.spark;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.HacForm;
import uk.lhs.common.evaluation.MonthlyValue;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.equity.EquityEvaluator;
import uk.lhs.common.evaluation.equity.EquityInput;
import uk.lhs.common.evaluation.equity.EquityStatements;
import uk.lhs.common.evaluation.equity.SubgroupEffect;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.OrgLevel;

/**
 * Evaluates the equity of one unit on an executor: gathers the unit's quintile rows (tagged by
 * {@link EquityTransform}), calls {@link EquityEvaluator#evaluate} and returns seven rows of
 * {@code gold.intervention_equity} (columns in {@link EvaluationTables#INTERVENTION_EQUITY} order; NaN written as
 * null). Serialisable: holds the broadcast register, the catalog settings, the options' fields and the run id.
 */
final class EquityUnit implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<HashMap<String, Intervention>> register;
    private final HashMap<String, EquityTransform.IndicatorSettings> settings;
    private final int minBaseline;
    private final int minFollowUp;
    private final int hacLag;
    private final double alpha;
    private final double smallDenominator;
    private final HacForm hacForm;
    private final String runId;

    EquityUnit(
            Broadcast<HashMap<String, Intervention>> register,
            HashMap<String, EquityTransform.IndicatorSettings> settings,
            EvaluationOptions o,
            String runId) {
        this.register = register;
        this.settings = settings;
        this.minBaseline = o.minBaseline();
        this.minFollowUp = o.minFollowUp();
        this.hacLag = o.hacLag();
        this.alpha = o.alpha();
        this.smallDenominator = o.smallDenominator();
        this.hacForm = o.hacForm();
        this.runId = runId;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows) {
        String[] k = key.split(EvaluationTransform.KEY_SEPARATOR, -1);
        Intervention intervention = register.value().get(k[0]);
        if (intervention == null) {
            throw new IllegalStateException("unit " + key + " names an intervention missing from the register");
        }
        Map<String, List<MonthlyValue>> quintiles = new HashMap<>();
        Map<String, List<Revision>> revisions = new HashMap<>();
        String orgName = null;
        String unit = null;
        while (rows.hasNext()) {
            Row r = rows.next();
            orgName = orgName != null ? orgName : r.getAs(Cols.ORG_NAME);
            unit = unit != null ? unit : r.getAs(Cols.UNIT);
            Date period = r.getAs(Cols.PERIOD_START);
            quintiles
                    .computeIfAbsent(r.getAs(Cols.STRATUM), s -> new ArrayList<>())
                    .add(new MonthlyValue(
                            period.toLocalDate(), Double.NaN, number(r, Cols.NUMERATOR), number(r, Cols.DENOMINATOR)));
            Revision revised = EvaluationTransform.revision(r, period.toLocalDate());
            if (revised != null) {
                revisions
                        .computeIfAbsent(r.getAs(Cols.STRATUM), s -> new ArrayList<>())
                        .add(revised);
            }
        }
        EquityTransform.IndicatorSettings s = settings.getOrDefault(k[1], new EquityTransform.IndicatorSettings(1, 0));
        EvaluationOptions options =
                new EvaluationOptions(minBaseline, minFollowUp, hacLag, alpha, smallDenominator, hacForm);
        List<SubgroupEffect> effects = EquityEvaluator.evaluate(new EquityInput(
                quintiles,
                s.multiplier(),
                s.minDenominator(),
                intervention.startDate(),
                intervention.implementationMonths(),
                options,
                revisions));
        String org = (OrgLevel.SYSTEM.label().equals(k[2]) ? "system " : "")
                + k[3]
                + (orgName == null ? "" : " (" + orgName + ")");
        String named = intervention.id() + " (" + intervention.title() + ")";
        List<Row> out = new ArrayList<>();
        for (SubgroupEffect e : effects) {
            List<Row> caveats = new ArrayList<>();
            for (Caveat c : e.caveats()) {
                caveats.add(RowFactory.create(c.code().name(), c.severity().label(), c.message()));
            }
            out.add(RowFactory.create(
                    intervention.id(),
                    k[2],
                    k[3],
                    k[1],
                    e.subgroup(),
                    orgName,
                    Date.valueOf(intervention.startDate()),
                    Date.valueOf(intervention.startDate().plusMonths(intervention.implementationMonths())),
                    intervention.expectedDirection().name().toLowerCase(Locale.ROOT),
                    "its",
                    orNull(e.estimate()),
                    orNull(e.ciLower()),
                    orNull(e.ciUpper()),
                    orNull(e.pValue()),
                    e.prePeriods(),
                    e.postPeriods(),
                    orNull(e.baseline()),
                    unit,
                    SparkRows.seq(caveats),
                    EquityStatements.of(e, k[1], org, named, unit),
                    runId));
        }
        return out.iterator();
    }

    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double number(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
