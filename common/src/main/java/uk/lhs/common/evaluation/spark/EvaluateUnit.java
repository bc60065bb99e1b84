package uk.lhs.common.evaluation.spark;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import uk.lhs.common.evaluation.EvaluationInput;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.EvaluationResult;
import uk.lhs.common.evaluation.HacForm;
import uk.lhs.common.evaluation.InterventionEvaluator;
import uk.lhs.common.evaluation.MonthlyValue;
import uk.lhs.common.evaluation.OtherIntervention;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.England;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * Evaluates one unit on an executor: receives every series row tagged for the unit (its own series, each
 * comparator's, the region's and England's, as joined by {@link EvaluationTransform}), builds the
 * {@link EvaluationInput}, calls {@link InterventionEvaluator#evaluate} and returns the unit's rows of
 * {@code gold.intervention_effects}. Serialisable: holds the broadcast register, the options' fields and the run id.
 */
final class EvaluateUnit implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<HashMap<String, Intervention>> register;
    private final int minBaseline;
    private final int minFollowUp;
    private final int hacLag;
    private final double alpha;
    private final double smallDenominator;
    private final HacForm hacForm;
    private final String runId;

    EvaluateUnit(Broadcast<HashMap<String, Intervention>> register, EvaluationOptions o, String runId) {
        this.register = register;
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
        List<MonthlyValue> exposed = new ArrayList<>();
        List<Revision> revisions = new ArrayList<>();
        Map<String, List<MonthlyValue>> comparators = new TreeMap<>();
        List<MonthlyValue> region = new ArrayList<>();
        List<MonthlyValue> england = new ArrayList<>();
        List<MonthlyValue> scope = new ArrayList<>();
        String regionCode = null;
        String orgName = null;
        String unit = null;
        String improvement = null;
        List<String> others = List.of();
        boolean hasSuccessor = false;
        boolean undatedPredecessor = false;
        List<LocalDate> changeDates = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            String role = r.getAs("role");
            if (EvaluationTransform.ROLE_EXPOSED.equals(role) && r.getAs("other_ids") != null) {
                others = r.getList(r.fieldIndex("other_ids"));
                hasSuccessor = Boolean.TRUE.equals(r.getAs("has_successor"));
                undatedPredecessor = Boolean.TRUE.equals(r.getAs("undated_predecessor"));
                changeDates.clear();
                Date own = r.getAs("own_close_date");
                if (own != null) {
                    changeDates.add(own.toLocalDate());
                }
                for (Date d : r.<Date>getList(r.fieldIndex("predecessor_close_dates"))) {
                    changeDates.add(d.toLocalDate());
                }
            }
            Date period = r.getAs(Cols.PERIOD_START);
            if (period == null) {
                continue; // a unit whose organisation has no rows for the indicator still gets its (insufficient) rows
            }
            MonthlyValue v = new MonthlyValue(
                    period.toLocalDate(),
                    number(r, Cols.VALUE),
                    number(r, Cols.NUMERATOR),
                    number(r, Cols.DENOMINATOR));
            switch (role) {
                case EvaluationTransform.ROLE_EXPOSED -> {
                    exposed.add(v);
                    Revision revised = EvaluationTransform.revision(r, v.periodStart());
                    if (revised != null) {
                        revisions.add(revised);
                    }
                    orgName = orgName != null ? orgName : r.getAs(Cols.ORG_NAME);
                    unit = unit != null ? unit : r.getAs(Cols.UNIT);
                    improvement = improvement != null ? improvement : r.getAs(Cols.IMPROVEMENT_DIRECTION);
                }
                case EvaluationTransform.ROLE_COMPARATOR ->
                    comparators
                            .computeIfAbsent(r.getAs("member_code"), c -> new ArrayList<>())
                            .add(v);
                case EvaluationTransform.ROLE_REGION -> {
                    region.add(v);
                    regionCode = r.getAs("member_code");
                }
                case EvaluationTransform.ROLE_ENGLAND -> england.add(v);
                case EvaluationTransform.ROLE_SCOPE -> scope.add(v);
                default -> throw new IllegalStateException("unknown role " + role);
            }
        }
        List<OtherIntervention> concurrent = new ArrayList<>();
        for (String id : others) {
            Intervention o = register.value().get(id);
            if (o != null) {
                concurrent.add(new OtherIntervention(o.id(), o.startAt(k[3]).atDay(1), null));
            }
        }
        boolean orgChanged = hasSuccessor || undatedPredecessor || changedWithin(changeDates, exposed);
        boolean useRegion = !region.isEmpty();
        ImprovementDirection expected = intervention.expectedDirection();
        EvaluationOptions options =
                new EvaluationOptions(minBaseline, minFollowUp, hacLag, alpha, smallDenominator, hacForm);
        List<MonthlyValue> wider = withoutExposed(useRegion ? region : england, scope.isEmpty() ? exposed : scope);
        EvaluationInput input = new EvaluationInput(
                exposed,
                comparators,
                wider,
                intervention.startAt(k[3]).atDay(1),
                intervention.implementationMonths(),
                expected,
                improvementDirection(improvement, expected),
                concurrent,
                orgChanged,
                options,
                revisions);
        EvaluationResult result;
        try {
            result = InterventionEvaluator.evaluate(input);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "evaluating " + key.replace(EvaluationTransform.KEY_SEPARATOR, " / ") + ": " + e.getMessage(), e);
        }
        String context = useRegion ? regionCode : england.isEmpty() ? null : England.CODE;
        UnitContext u = new UnitContext(
                intervention,
                k[1],
                k[2],
                k[3],
                orgName,
                unit,
                result.evidence().panel().codes(),
                context,
                runId);
        return EffectRows.of(u, result).iterator();
    }

    /**
     * The improvement direction of the indicator; a neutral (or unknown) indicator takes the expected direction, so the
     * regression-to-the-mean check asks whether a return to normal would look like the intended change.
     */
    static ImprovementDirection improvementDirection(String label, ImprovementDirection expected) {
        if (label == null) {
            return expected;
        }
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "increase" -> ImprovementDirection.INCREASE;
            case "decrease" -> ImprovementDirection.DECREASE;
            default -> expected;
        };
    }

    /** Whether a closure or merger date falls between the first and last month of the series (inclusive). */
    static boolean changedWithin(List<LocalDate> dates, List<MonthlyValue> series) {
        if (series.isEmpty() || dates.isEmpty()) {
            return false;
        }
        LocalDate first = series.stream()
                .map(MonthlyValue::periodStart)
                .min(LocalDate::compareTo)
                .orElseThrow();
        LocalDate last = series.stream()
                .map(MonthlyValue::periodStart)
                .max(LocalDate::compareTo)
                .orElseThrow();
        LocalDate end = last.plusMonths(1);
        return dates.stream().anyMatch(d -> !d.isBefore(first) && d.isBefore(end));
    }

    /** Relative tolerance for "value is numerator / denominator". */
    static final double RATIO_TOLERANCE = 1e-9;

    /**
     * The wider series with the exposed organisation's own counts (or its whole system's, for a system-wide
     * intervention) taken out, month by month, so that its own change
     * cannot make the region or England look as if it moved too (a secular trend must be seen elsewhere). Applied where
     * both series carry counts whose ratio is the value (proportions, means); other months keep the published value.
     */
    static List<MonthlyValue> withoutExposed(List<MonthlyValue> wider, List<MonthlyValue> exposed) {
        Map<LocalDate, MonthlyValue> own = new HashMap<>();
        exposed.forEach(v -> own.put(v.periodStart(), v));
        List<MonthlyValue> out = new ArrayList<>(wider.size());
        for (MonthlyValue w : wider) {
            MonthlyValue e = own.get(w.periodStart());
            if (e != null && isRatio(w) && isRatio(e) && w.denominator() - e.denominator() > 0) {
                double n = w.numerator() - e.numerator();
                double d = w.denominator() - e.denominator();
                out.add(new MonthlyValue(w.periodStart(), n / d, n, d));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean isRatio(MonthlyValue v) {
        return Double.isFinite(v.numerator())
                && Double.isFinite(v.denominator())
                && v.denominator() > 0
                && Double.isFinite(v.value())
                && Math.abs(v.value() - v.numerator() / v.denominator())
                        <= RATIO_TOLERANCE * Math.max(1, Math.abs(v.value()));
    }

    private static double number(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
