package uk.lhs.common.evaluation;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The caveat catalogue: each rule looks at the {@link Evidence} and may raise one {@link Caveat}. Rules and thresholds:
 *
 * <ul>
 *   <li>SHORT_BASELINE — fewer pre months than {@code minBaseline} (warning); fewer than
 *       {@link AttributionRule#MIN_PRE_MONTHS} (critical).
 *   <li>SHORT_FOLLOW_UP — fewer post months than {@code minFollowUp} (warning); fewer than
 *       {@link AttributionRule#MIN_POST_MONTHS} (critical).
 *   <li>PRE_TREND — the ITS pre-period slope differs from 0 at level alpha (warning).
 *   <li>SEASONALITY_UNADJUSTED — the ITS had no month-of-year terms (fewer than 24 pre months): warning when the post
 *       period is not whole years (seasons unbalanced), else info.
 *   <li>AUTOCORRELATION — |lag-1 autocorrelation of ITS residuals| above {@value #AUTOCORRELATION_NOTE} (info: the HAC
 *       standard errors allow for it) or above {@value #AUTOCORRELATION_WARN}, or with a HAC lag of 0 (warning).
 *   <li>REGRESSION_TO_MEAN — the last {@value #RTM_MONTHS} pre months were unusually bad: their mean lies at least
 *       {@value #RTM_SD} SD (of the earlier pre months) on the worse side, or one of them is outside the XmR limits
 *       on the worse side; raised only when a return to normal would look like the expected change (warning).
 *   <li>CONCURRENT_INTERVENTION — another intervention on the same organisation and indicator was in place at any
 *       time in the analysed window (warning); it started within {@value #SAME_START_MONTHS} months of this one
 *       (critical, the two cannot be told apart).
 *   <li>NO_COMPARATOR — no comparator had complete data over the window (warning).
 *   <li>COMPARATOR_DIVERGENCE — the DiD parallel-trends test rejects at level alpha (warning).
 *   <li>SECULAR_TREND — the region/England series shows a change in the expected direction whose interval excludes 0
 *       (ITS level change, or the pre/post change when its ITS cannot be fitted) (warning).
 *   <li>DATA_GAPS — months missing inside the window (warning); more than {@value #GAPS_CRITICAL_SHARE} of them
 *       (critical).
 *   <li>SMALL_NUMBERS — median denominator below {@code smallDenominator} (warning).
 *   <li>ORG_CHANGE — the organisation merged or changed boundary in the window (critical).
 *   <li>REVISED_DATA — NHS England re-published a month inside the window and the new vintage moved the exposed
 *       organisation's value ({@code gold.revisions}) (info: the estimates use the revised figures, which may differ
 *       from results reported before the revision). The same rule ({@link #revisedData(Collection, Collection,
 *       String)}) caveats programme and equity effects.
 *   <li>METHODS_DISAGREE — one method's interval excludes 0 on one side while another method's estimate lies on the
 *       other side (warning).
 * </ul>
 */
public final class CaveatRules {
    private CaveatRules() {}

    /** Lag-1 residual autocorrelation worth noting. */
    public static final double AUTOCORRELATION_NOTE = 0.3;

    /** Lag-1 residual autocorrelation strong enough that HAC errors with a short lag may still be too small. */
    public static final double AUTOCORRELATION_WARN = 0.6;

    /** Months before the start examined for regression to the mean. */
    public static final int RTM_MONTHS = 3;

    /** Standardised distance of the last pre months' mean that counts as unusually bad (brief: ~1.5 SD). */
    public static final double RTM_SD = 1.5;

    /** Another intervention starting this close (months) is indistinguishable from this one. */
    public static final int SAME_START_MONTHS = 3;

    /** Share of missing months in the window above which the gaps are critical. */
    public static final double GAPS_CRITICAL_SHARE = 0.2;

    /** Caveats that concern only some methods; any other code concerns every row. */
    static final Map<CaveatCode, Set<Method>> METHOD_SCOPE = Map.of(
            CaveatCode.PRE_TREND, Set.of(Method.PRE_POST, Method.SPC),
            CaveatCode.SEASONALITY_UNADJUSTED, Set.of(Method.ITS, Method.PRE_POST, Method.SPC),
            CaveatCode.AUTOCORRELATION, Set.of(Method.ITS, Method.PRE_POST),
            CaveatCode.NO_COMPARATOR, Set.of(Method.DID, Method.SYNTHETIC_CONTROL),
            CaveatCode.COMPARATOR_DIVERGENCE, Set.of(Method.DID),
            CaveatCode.METHODS_DISAGREE, Set.of());

    /** Whether {@code caveat} should be listed on the row of {@code method} (the summary row lists all). */
    public static boolean concerns(Caveat caveat, Method method) {
        Set<Method> scope = METHOD_SCOPE.get(caveat.code());
        return method == Method.SUMMARY || scope == null || scope.contains(method);
    }

    /**
     * Applies every rule.
     *
     * @param e the evidence
     * @return the raised caveats in catalogue order
     */
    public static List<Caveat> assess(Evidence e) {
        List<Caveat> out = new ArrayList<>();
        EvaluationInput in = e.input();
        EvaluationOptions o = in.options();
        int nPre = e.window().nPre();
        int nPost = e.window().nPost();
        if (nPre < o.minBaseline()) {
            out.add(new Caveat(
                    CaveatCode.SHORT_BASELINE,
                    nPre < AttributionRule.MIN_PRE_MONTHS ? Severity.CRITICAL : Severity.WARNING,
                    "Only " + months(nPre) + " of data before the start (at least " + o.minBaseline()
                            + " are recommended), so the baseline may not show the indicator's usual ups and downs."));
        }
        if (nPost < o.minFollowUp()) {
            out.add(new Caveat(
                    CaveatCode.SHORT_FOLLOW_UP,
                    nPost < AttributionRule.MIN_POST_MONTHS ? Severity.CRITICAL : Severity.WARNING,
                    "Only " + months(nPost) + " of data since the start (at least " + o.minFollowUp()
                            + " are recommended), so it is too early to say whether any change will last."));
        }
        ItsResult its = e.its();
        if (its != null && its.preSlopeP() < o.alpha()) {
            out.add(
                    new Caveat(
                            CaveatCode.PRE_TREND,
                            Severity.WARNING,
                            "The indicator was already " + (its.preSlope() > 0 ? "rising" : "falling") + " by about "
                                    + num(Math.abs(its.preSlope()))
                                    + " a month before the start. A simple before-and-after comparison "
                                    + "does not allow for this; the time-series estimate does, assuming the trend would have continued."));
        }
        if (its != null && !its.seasonal()) {
            out.add(
                    new Caveat(
                            CaveatCode.SEASONALITY_UNADJUSTED,
                            nPost % 12 == 0 ? Severity.INFO : Severity.WARNING,
                            "There were fewer than " + InterruptedTimeSeries.MIN_PRE_FOR_SEASONAL
                                    + " months before the start, so "
                                    + "seasonal patterns (such as winter pressures) could not be allowed for and may look like a change."));
        }
        if (its != null && Math.abs(its.lag1Autocorrelation()) > AUTOCORRELATION_NOTE) {
            boolean strong = Math.abs(its.lag1Autocorrelation()) > AUTOCORRELATION_WARN || its.hacLag() == 0;
            out.add(new Caveat(
                    CaveatCode.AUTOCORRELATION,
                    strong ? Severity.WARNING : Severity.INFO,
                    "Each month's value is closely related to the previous month's (lag-1 autocorrelation "
                            + num(its.lag1Autocorrelation()) + "). The intervals allow for this"
                            + (strong ? " only partly, so they may still be too narrow." : ".")));
        }
        regressionToMean(e).ifPresent(out::add);
        concurrent(in, e.window()).ifPresent(out::add);
        if (e.panel().size() == 0) {
            out.add(new Caveat(
                    CaveatCode.NO_COMPARATOR,
                    Severity.WARNING,
                    (in.comparators().isEmpty()
                                    ? "No comparison organisations were supplied"
                                    : "None of the " + in.comparators().size()
                                            + " comparison organisations had complete data")
                            + ", so changes affecting everyone (national policy, seasonal pressure) cannot be separated from "
                            + "this intervention."));
        }
        if (e.did() != null && e.did().parallelTrendsP() < o.alpha()) {
            out.add(new Caveat(
                    CaveatCode.COMPARATOR_DIVERGENCE,
                    Severity.WARNING,
                    "Before the start, this organisation and its comparators were already moving apart (by about "
                            + num(Math.abs(e.did().preSlopeDifference()))
                            + " a month), so the comparison with them is less "
                            + "reliable."));
        }
        secularTrend(e).ifPresent(out::add);
        dataGaps(e).ifPresent(out::add);
        smallNumbers(in).ifPresent(out::add);
        if (in.orgChanged()) {
            out.add(new Caveat(
                    CaveatCode.ORG_CHANGE,
                    Severity.CRITICAL,
                    "The organisation merged or changed its boundaries during this period, so the figures before and after "
                            + "may not cover the same population."));
        }
        revisedData(e).ifPresent(out::add);
        methodsDisagree(e).ifPresent(out::add);
        return out;
    }

    private static Optional<Caveat> regressionToMean(Evidence e) {
        double[] pre = e.window().preValues();
        EvaluationInput in = e.input();
        int recovery = in.improvementDirection().sign();
        if (pre.length < RTM_MONTHS + 2 || recovery != in.expectedDirection().sign()) {
            return Optional.empty();
        }
        double[] last = Arrays.copyOfRange(pre, pre.length - RTM_MONTHS, pre.length);
        double[] earlier = Arrays.copyOfRange(pre, 0, pre.length - RTM_MONTHS);
        double lastMean = StatUtils.mean(last);
        double usual = StatUtils.mean(earlier);
        double sd = Math.sqrt(StatUtils.variance(earlier));
        boolean farOff = sd > 0 && recovery * (usual - lastMean) / sd >= RTM_SD;
        boolean outside = false;
        if (e.spc() != null) {
            for (double v : last) {
                outside |= recovery > 0 ? v < e.spc().lowerLimit() : v > e.spc().upperLimit();
            }
        }
        if (!farOff && !outside) {
            return Optional.empty();
        }
        return Optional.of(new Caveat(
                CaveatCode.REGRESSION_TO_MEAN,
                Severity.WARNING,
                "The start followed unusually poor months (the last " + RTM_MONTHS + " months before it averaged "
                        + num(lastMean) + " against a usual " + num(usual)
                        + "). Some improvement would be expected anyway as "
                        + "values return towards normal."));
    }

    private static Optional<Caveat> concurrent(EvaluationInput in, SeriesWindow w) {
        if (w.size() == 0) {
            return Optional.empty();
        }
        LocalDate first = w.months()[0];
        LocalDate last = w.months()[w.size() - 1];
        List<String> overlapping = new ArrayList<>();
        boolean sameTime = false;
        for (OtherIntervention other : in.otherInterventions()) {
            boolean overlaps = !other.start().isAfter(last)
                    && (other.end() == null || !other.end().isBefore(first));
            if (overlaps) {
                overlapping.add(other.id());
                long apart = Math.abs(ChronoUnit.MONTHS.between(in.interventionStart(), other.start()));
                sameTime |= apart <= SAME_START_MONTHS;
            }
        }
        if (overlapping.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Caveat(
                CaveatCode.CONCURRENT_INTERVENTION,
                sameTime ? Severity.CRITICAL : Severity.WARNING,
                "Other work on the same indicator at this organisation (" + String.join(", ", overlapping)
                        + ") was under "
                        + "way during this period" + (sameTime ? ", starting at almost the same time," : "")
                        + " so any change cannot be linked to this intervention alone."));
    }

    private static Optional<Caveat> secularTrend(Evidence e) {
        int expected = e.input().expectedDirection().sign();
        double change;
        if (e.regionIts() != null) {
            change = Evidence.significantSign(
                                    e.regionIts().levelCiLower(), e.regionIts().levelCiUpper())
                            == expected
                    ? e.regionIts().levelChange()
                    : Double.NaN;
        } else if (e.regionPrePost() != null) {
            change = Evidence.significantSign(
                                    e.regionPrePost().ciLower(),
                                    e.regionPrePost().ciUpper())
                            == expected
                    ? e.regionPrePost().change()
                    : Double.NaN;
        } else {
            return Optional.empty();
        }
        if (Double.isNaN(change)) {
            return Optional.empty();
        }
        return Optional.of(new Caveat(
                CaveatCode.SECULAR_TREND,
                Severity.WARNING,
                "The regional or England figure moved in the same direction at the same time (by about " + num(change)
                        + "), so part of any change here may reflect wider trends rather than local action."));
    }

    private static Optional<Caveat> dataGaps(Evidence e) {
        int gaps = e.window().gaps();
        if (gaps <= 0) {
            return Optional.empty();
        }
        double share = gaps / (double) (gaps + e.window().size());
        return Optional.of(new Caveat(
                CaveatCode.DATA_GAPS,
                share > GAPS_CRITICAL_SHARE ? Severity.CRITICAL : Severity.WARNING,
                months(gaps)
                        + " of data are missing within the period analysed, which makes the estimates less certain."));
    }

    private static Optional<Caveat> revisedData(Evidence e) {
        return revisedData(Arrays.asList(e.window().months()), e.input().revisions(), "the value");
    }

    /**
     * REVISED_DATA (info), shared by every evaluation: raised when a revision of a month in {@code window} moved a
     * value of the series evaluated (a change that is not 0; NaN, a value that appeared or disappeared, counts).
     *
     * @param window the months analysed
     * @param revisions the revised months of the series evaluated; a month may appear more than once (one revision
     *     per trust of a programme, or per quintile of an inequality measure)
     * @param what whose value a revision changed, for the message ("the value", "a trust's value")
     * @return the caveat, or empty when no revision inside the window moved a value
     */
    public static Optional<Caveat> revisedData(
            Collection<LocalDate> window, Collection<Revision> revisions, String what) {
        Set<LocalDate> analysed = new HashSet<>(window);
        List<Revision> moved = revisions.stream()
                .filter(r -> analysed.contains(r.periodStart()) && r.change() != 0)
                .toList();
        List<LocalDate> revised =
                moved.stream().map(Revision::periodStart).distinct().sorted().toList();
        if (revised.isEmpty()) {
            return Optional.empty();
        }
        double largest = moved.stream()
                .mapToDouble(Revision::change)
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
        String months = revised.stream()
                .map(d -> d.getMonth().getDisplayName(TextStyle.SHORT, Locale.UK) + " " + d.getYear())
                .collect(Collectors.joining(", "));
        return Optional.of(new Caveat(
                CaveatCode.REVISED_DATA,
                Severity.INFO,
                "NHS England revised " + months(revised.size()) + " in the period analysed (" + months
                        + ") after first publishing " + (revised.size() == 1 ? "it" : "them")
                        + (Double.isNaN(largest)
                                ? ""
                                : "; the largest revision changed " + what + " by " + num(largest))
                        + ". These results use the revised figures, so they may differ from results reported"
                        + " before the revision."));
    }

    private static Optional<Caveat> smallNumbers(EvaluationInput in) {
        double[] d = in.exposed().stream()
                .mapToDouble(MonthlyValue::denominator)
                .filter(Double::isFinite)
                .toArray();
        if (d.length == 0) {
            return Optional.empty();
        }
        double median = StatUtils.percentile(d, 50);
        if (median >= in.options().smallDenominator()) {
            return Optional.empty();
        }
        return Optional.of(new Caveat(
                CaveatCode.SMALL_NUMBERS,
                Severity.WARNING,
                "The figures are based on small numbers (typically " + num(median) + " a month), so they vary a lot by "
                        + "chance from month to month."));
    }

    private static Optional<Caveat> methodsDisagree(Evidence e) {
        List<double[]> est = new ArrayList<>();
        if (e.its() != null) {
            est.add(new double[] {
                e.its().levelChange(), e.its().levelCiLower(), e.its().levelCiUpper()
            });
        }
        if (e.did() != null) {
            est.add(new double[] {e.did().estimate(), e.did().ciLower(), e.did().ciUpper()});
        }
        if (e.syntheticControl() != null) {
            SyntheticControlResult s = e.syntheticControl();
            est.add(new double[] {s.estimate(), s.ciLower(), s.ciUpper()});
        }
        for (double[] a : est) {
            int sig = Evidence.significantSign(a[1], a[2]);
            for (double[] b : est) {
                if (sig != 0 && Math.signum(b[0]) == -sig) {
                    return Optional.of(new Caveat(
                            CaveatCode.METHODS_DISAGREE,
                            Severity.WARNING,
                            "The methods do not agree: at least one shows a clear change while another points the opposite way, "
                                    + "so the direction of any change is uncertain."));
                }
            }
        }
        return Optional.empty();
    }

    private static String months(int n) {
        return n + (n == 1 ? " month" : " months");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
