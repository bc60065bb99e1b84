package uk.lhs.common.evaluation.programme;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.lhs.common.evaluation.Attribution;
import uk.lhs.common.evaluation.AttributionRule;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.CaveatCode;
import uk.lhs.common.evaluation.CaveatRules;
import uk.lhs.common.evaluation.Severity;
import uk.lhs.common.evaluation.staggered.ControlGroup;
import uk.lhs.common.evaluation.staggered.PreTest;
import uk.lhs.common.evaluation.staggered.StaggeredDid;
import uk.lhs.common.evaluation.staggered.StaggeredPanel;
import uk.lhs.common.evaluation.staggered.StaggeredResult;
import uk.lhs.common.evaluation.staggered.StaggeredRow;
import uk.lhs.common.evaluation.staggered.Twfe;

/**
 * Evaluates one programme on one indicator by staggered difference-in-differences (Callaway and Sant'Anna 2021,
 * unconditional parallel trends; estimator in {@link StaggeredDid}).
 *
 * <p>Panel: the trusts' monthly values, months mapped to consecutive indices from the first month with any value
 * (index 1). A rollout trust's first treated period is its first post month (rollout start plus the implementation
 * months, as the per-trust methods count it); with the default varying base period every post-period effect is
 * measured against the month before it, which lies in the implementation period when there is one, so a change that
 * begins during implementation is partly absorbed into that base. Every other trust is never treated (comparison:
 * never treated by default, as R {@code did}; not yet treated by option). The panel must be balanced: a trust with
 * a missing month in the range is left out (caveat DATA_GAPS).
 *
 * <p>Headline: the overall value of the {@code group} aggregation (each cohort's mean post-adoption effect, cohorts
 * weighted by size), the summary Callaway and Sant'Anna recommend (§4.1). Attribution, in order:
 * {@code insufficient_data} when the estimator cannot be run (no comparison trust, no cohort with a month before
 * adoption, every rollout trust left out); {@code no_change_detected} when the headline's 95% interval includes 0
 * or lies on the side opposite the expected direction; {@code change_attribution_weak} when a change in the expected
 * direction comes with a warning-level confounder ({@link AttributionRule#CONFOUNDERS}, or PRE_TREND: the placebo test
 * rejects parallel pre-trends at 5%), SMALL_NUMBERS (a cohort of fewer than {@value #MIN_COHORT_TRUSTS} trusts) or a
 * critical caveat; {@code change_consistent_with_intervention} otherwise. A
 * staggered design never reaches {@code change_strongly_consistent}: no control chart corroborates it.
 *
 * <p>TWFE_HETEROGENEITY (info): the two-way fixed-effects estimate and the {@code simple} aggregation (the comparable
 * average of post-adoption ATT(g,t)) each lie outside the other's 95% interval — effects that vary by cohort or over
 * time bias TWFE under staggered adoption (Goodman-Bacon 2021; de Chaisemartin and D'Haultfœuille 2020).
 *
 * <p>REVISED_DATA (info, {@link CaveatRules#revisedData}): NHS England re-published a month of the range analysed and
 * the new vintage moved the value of a rollout or comparison trust in the balanced panel.
 */
public final class ProgrammeEvaluator {
    private ProgrammeEvaluator() {}

    /**
     * Fewest trusts in every cohort for the bootstrap intervals to be trusted: on the generator's ground truth, cohorts
     * of two trusts gave 70–85% coverage of nominal 95% intervals, cohorts of five to ten 92–100%
     * ({@code GroundTruthProgrammesTest}); below it SMALL_NUMBERS (warning), which weakens the attribution.
     */
    public static final int MIN_COHORT_TRUSTS = 5;

    /** Significance level of the placebo pre-test that raises PRE_TREND. */
    public static final double PRE_TEST_ALPHA = 0.05;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);

    /** Evaluates one programme × indicator. */
    public static ProgrammeResult evaluate(ProgrammeInput in) {
        List<Caveat> caveats = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        TreeSet<YearMonth> seen = new TreeSet<>();
        in.series()
                .values()
                .forEach(m -> m.forEach((month, v) -> {
                    if (v != null && Double.isFinite(v)) {
                        seen.add(month);
                    }
                }));
        List<YearMonth> months = new ArrayList<>();
        if (!seen.isEmpty()) {
            for (YearMonth m = seen.first(); !m.isAfter(seen.last()); m = m.plusMonths(1)) {
                months.add(m);
            }
        }
        // Balanced panel: a trust needs a value in every month of the range.
        List<String> gaps = new ArrayList<>();
        List<String> complete = new ArrayList<>();
        for (Map.Entry<String, Map<YearMonth, Double>> e : in.series().entrySet()) {
            boolean full = !months.isEmpty()
                    && months.stream().allMatch(m -> {
                        Double v = e.getValue().get(m);
                        return v != null && Double.isFinite(v);
                    });
            (full ? complete : gaps).add(e.getKey());
        }
        TreeMap<YearMonth, List<String>> cohorts = new TreeMap<>();
        List<String> comparison = new ArrayList<>();
        for (String t : complete) {
            YearMonth g = in.firstPost().get(t);
            if (g == null) {
                comparison.add(t);
            } else {
                cohorts.computeIfAbsent(g, x -> new ArrayList<>()).add(t);
            }
        }
        List<String> rolloutMissing = in.firstPost().keySet().stream()
                .filter(t -> !complete.contains(t))
                .sorted()
                .toList();
        // A rollout trust with no usable month at all is not in the series: it is left out too.
        TreeSet<String> leftOut = new TreeSet<>(gaps);
        leftOut.addAll(rolloutMissing);
        if (!leftOut.isEmpty()) {
            boolean critical = cohorts.isEmpty() || comparison.isEmpty();
            caveats.add(new Caveat(
                    CaveatCode.DATA_GAPS,
                    critical ? Severity.CRITICAL : Severity.WARNING,
                    leftOut.size() + " trust(s) with a missing or suppressed month were left out of the balanced panel"
                            + (rolloutMissing.isEmpty()
                                    ? " (none of them in the rollout)"
                                    : ", including rollout trust(s) " + String.join(", ", rolloutMissing))
                            + "."));
        }
        if (comparison.isEmpty() && in.options().control() == ControlGroup.NEVER_TREATED) {
            caveats.add(new Caveat(
                    CaveatCode.NO_COMPARATOR,
                    Severity.CRITICAL,
                    "No trust outside the programme has complete data, so there is nothing to compare with."));
        }
        TreeSet<String> others = new TreeSet<>();
        for (String t : in.firstPost().keySet()) {
            others.addAll(in.concurrent().getOrDefault(t, List.of()));
        }
        if (!others.isEmpty()) {
            caveats.add(new Caveat(
                    CaveatCode.CONCURRENT_INTERVENTION,
                    Severity.WARNING,
                    "Other work on the same indicator at rollout trusts (" + String.join(", ", others)
                            + ") may account for part of any change."));
        }
        // A revision counts when it moved a month of the range analysed at a trust in the balanced panel.
        CaveatRules.revisedData(
                        months.stream().map(m -> m.atDay(1)).toList(),
                        complete.stream()
                                .flatMap(t -> in.revisions().getOrDefault(t, List.of()).stream())
                                .toList(),
                        "a trust's value")
                .ifPresent(caveats::add);
        StaggeredResult result = null;
        String failure = null;
        if (!cohorts.isEmpty() && !months.isEmpty()) {
            StaggeredPanel.Builder b = StaggeredPanel.builder();
            for (String t : complete) {
                YearMonth g = in.firstPost().get(t);
                int first = g == null ? 0 : index(months, g);
                Map<YearMonth, Double> s = in.series().get(t);
                for (int p = 1; p <= months.size(); p++) {
                    b.add(t, p, s.get(months.get(p - 1)), first);
                }
            }
            try {
                result = StaggeredDid.estimate(b.build(), in.options());
            } catch (IllegalArgumentException | IllegalStateException e) {
                failure = e.getMessage();
            }
        } else {
            failure = "no rollout trust has complete data";
        }
        StaggeredRow headline = result == null ? null : result.overall(StaggeredResult.GROUP);
        if (headline == null || !Double.isFinite(headline.estimate()) || !Double.isFinite(headline.ciLower())) {
            reasons.add("The staggered comparison could not be run: "
                    + (failure != null ? failure : "no cohort has months both before and after adoption") + ".");
            return new ProgrammeResult(
                    in,
                    result,
                    months,
                    cohorts,
                    Attribution.INSUFFICIENT_DATA,
                    reasons,
                    caveats,
                    statement(in, Attribution.INSUFFICIENT_DATA, null, cohorts));
        }
        YearMonth firstCohort = cohorts.firstKey();
        YearMonth lastCohort = cohorts.lastKey();
        long pre = ChronoUnit.MONTHS.between(months.get(0), firstCohort);
        long post = ChronoUnit.MONTHS.between(lastCohort, months.get(months.size() - 1)) + 1;
        if (pre < AttributionRule.MIN_PRE_MONTHS) {
            caveats.add(new Caveat(
                    CaveatCode.SHORT_BASELINE,
                    Severity.INFO,
                    "The first cohort has only " + pre + " month(s) of data before adoption."));
        }
        if (post < AttributionRule.MIN_POST_MONTHS) {
            caveats.add(new Caveat(
                    CaveatCode.SHORT_FOLLOW_UP,
                    Severity.INFO,
                    "The last cohort has only " + post + " month(s) of data after adoption."));
        }
        int smallest = cohorts.values().stream().mapToInt(List::size).min().orElse(0);
        if (smallest < MIN_COHORT_TRUSTS) {
            caveats.add(new Caveat(
                    CaveatCode.SMALL_NUMBERS,
                    Severity.WARNING,
                    "At least one adoption cohort has fewer than " + MIN_COHORT_TRUSTS + " trusts (smallest: "
                            + smallest + "), so the intervals rest on few trusts and may be too narrow."));
        }
        PreTest preTest = result.preTest();
        if (preTest != null && Double.isFinite(preTest.pValue()) && preTest.pValue() < PRE_TEST_ALPHA) {
            caveats.add(new Caveat(
                    CaveatCode.PRE_TREND,
                    Severity.WARNING,
                    String.format(
                            Locale.ROOT,
                            "Before adoption the rollout trusts were already moving differently from the comparison"
                                    + " trusts (placebo test p = %.3f), so parallel trends are doubtful.",
                            preTest.pValue())));
        }
        if (twfeDisagrees(result)) {
            Twfe twfe = result.twfe();
            StaggeredRow simple = result.overall(StaggeredResult.SIMPLE);
            caveats.add(new Caveat(
                    CaveatCode.TWFE_HETEROGENEITY,
                    Severity.INFO,
                    "The effect differs between cohorts or grows or fades over time: a conventional two-way"
                            + " fixed-effects estimate (" + value(in, twfe.estimate()) + ") disagrees with the"
                            + " average of the cohort-by-month effects (" + value(in, simple.estimate())
                            + ") beyond both intervals, so only the latter is reported as the programme's effect."));
        }
        int sign = (headline.ciLower() > 0) ? 1 : (headline.ciUpper() < 0) ? -1 : 0;
        String interval = value(in, headline.estimate()) + " (95% interval " + value(in, headline.ciLower()) + " to "
                + value(in, headline.ciUpper()) + ")";
        Attribution a;
        if (sign == 0 || sign != in.expectedDirection().sign()) {
            reasons.add("No change in the intended direction beyond normal variation: the average effect after"
                    + " adoption was " + interval + ".");
            a = Attribution.NO_CHANGE_DETECTED;
        } else {
            reasons.add("After adoption the indicator moved in the intended direction relative to trusts not in the"
                    + " programme: " + interval + ".");
            boolean weak = caveats.stream()
                    .anyMatch(c -> c.severity() == Severity.CRITICAL
                            || (c.severity() == Severity.WARNING
                                    && (c.code() == CaveatCode.PRE_TREND
                                            || c.code() == CaveatCode.SMALL_NUMBERS
                                            || AttributionRule.CONFOUNDERS.contains(c.code()))));
            if (weak) {
                reasons.add("Other explanations cannot be ruled out (see the caveats).");
                a = Attribution.CHANGE_ATTRIBUTION_WEAK;
            } else {
                a = Attribution.CHANGE_CONSISTENT_WITH_INTERVENTION;
            }
        }
        return new ProgrammeResult(
                in, result, months, cohorts, a, reasons, caveats, statement(in, a, headline, cohorts));
    }

    /** Whether TWFE and the simple aggregation each lie outside the other's 95% interval. */
    static boolean twfeDisagrees(StaggeredResult r) {
        Twfe t = r.twfe();
        StaggeredRow s = r.overall(StaggeredResult.SIMPLE);
        if (t == null || !Double.isFinite(t.ciLower()) || !Double.isFinite(s.ciLower())) {
            return false;
        }
        boolean twfeOutside = t.estimate() < s.ciLower() || t.estimate() > s.ciUpper();
        boolean simpleOutside = s.estimate() < t.ciLower() || s.estimate() > t.ciUpper();
        return twfeOutside && simpleOutside;
    }

    private static int index(List<YearMonth> months, YearMonth m) {
        return (int) ChronoUnit.MONTHS.between(months.get(0), m) + 1;
    }

    private static String statement(
            ProgrammeInput in, Attribution a, StaggeredRow headline, Map<YearMonth, List<String>> cohorts) {
        int trusts = cohorts.values().stream().mapToInt(List::size).sum();
        String who = in.indicatorId() + " at the " + trusts + " trust(s) that adopted " + in.programmeId()
                + (in.title().isEmpty() ? "" : " (" + in.title() + ")")
                + (cohorts.isEmpty()
                        ? ""
                        : cohorts.size() == 1
                                ? " in " + MONTH.format(firstKey(cohorts))
                                : " between " + MONTH.format(firstKey(cohorts)) + " and "
                                        + MONTH.format(lastKey(cohorts)));
        return switch (a) {
            case INSUFFICIENT_DATA ->
                "There is not enough data to say whether " + in.indicatorId() + " changed after " + in.programmeId()
                        + " was rolled out.";
            case NO_CHANGE_DETECTED ->
                "No change in " + who + " beyond normal variation was detected in the intended direction, compared"
                        + " with trusts not in the programme.";
            default ->
                who + " " + (headline.estimate() >= 0 ? "rose" : "fell") + " by about "
                        + amount(in, Math.abs(headline.estimate())) + " on average after adoption (95% interval "
                        + value(in, headline.ciLower()) + " to " + value(in, headline.ciUpper())
                        + ") relative to trusts not in the programme; the change is associated with the programme"
                        + (a == Attribution.CHANGE_ATTRIBUTION_WEAK
                                ? ", but other explanations cannot be ruled out."
                                : ", though this is an association, not proof of effect.");
        };
    }

    private static YearMonth firstKey(Map<YearMonth, List<String>> m) {
        return new TreeMap<>(m).firstKey();
    }

    private static YearMonth lastKey(Map<YearMonth, List<String>> m) {
        return new TreeMap<>(m).lastKey();
    }

    private static String amount(ProgrammeInput in, double v) {
        if (in.proportion()) {
            return String.format(Locale.ROOT, "%.1f percentage points", 100 * v);
        }
        return String.format(Locale.ROOT, "%.3g", v)
                + (in.unit() == null || in.unit().isBlank() ? "" : " " + in.unit());
    }

    private static String value(ProgrammeInput in, double v) {
        return in.proportion()
                ? String.format(Locale.ROOT, "%+.1f pp", 100 * v)
                : String.format(Locale.ROOT, "%+.3g", v);
    }
}
