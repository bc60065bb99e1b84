package uk.lhs.common.spc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * The SPC engine: one pure, deterministic call per series.
 *
 * <p>Steps: (1) the plotted statistic (value, numerator/denominator, or |Δy| for MR); (2) phases split at the rebase
 * indices and dates; (3) per phase, the baseline (first {@code fixAfter} points by position, minus excluded points),
 * centre and limits ({@link ControlLimits}); (4) the special-cause rules ({@link SpecialCauseRules}; run charts flag
 * Anhøj's unusually long runs instead, MR charts only points beyond the limits); (5) point types, the Anhøj runs
 * analysis of each phase, icons and warnings.
 *
 * <p>Missing values (NaN, or a missing/zero denominator) carry no flags and are skipped by the rules: they neither
 * break nor extend a shift, trend or two-of-three window; they do break moving ranges (a range needs two adjacent
 * observations). Excluded points are left out of the limits and the runs analysis (moving ranges bridge them, as
 * qicharts2) but are still plotted and flagged against the limits. Rules run within a phase, never across a rebase.
 */
public final class SpcEngine {
    /** Baseline points below which a phase gets a short-baseline warning (MDC; NHSRplotthedots warns under 12). */
    public static final int MIN_BASELINE_POINTS = 12;

    private SpcEngine() {}

    /**
     * Charts one series.
     *
     * @param series the points (dates strictly increasing; NaN values are missing points)
     * @param options chart type, direction, phases, freeze, exclusions, rule lengths and target
     * @return one {@link SpcPoint} per input point and a {@link SpcSummary}
     * @throws IllegalArgumentException if the series does not fit the options (e.g. a P chart without denominators,
     *     a rebase or exclude index beyond the series)
     */
    public static SpcResult compute(SpcSeries series, SpcOptions options) {
        ChartType chart = options.chart();
        int n = series.size();
        validate(series, options);
        double[] num = series.values();
        double[] den = series.denominators();
        double[] stat = statistic(num, den);
        boolean[] excluded = new boolean[n];
        options.excludeIndices().forEach(i -> excluded[i] = true);
        int[] starts = phaseStarts(series, options);
        List<String> warnings = new ArrayList<>();
        List<RunAnalysis> runs = new ArrayList<>();
        SpcPoint[] points = new SpcPoint[n];
        int missingDenominators = 0;
        for (int i = 0; i < n; i++) {
            if (den != null && !Double.isNaN(num[i]) && Double.isNaN(stat[i])) {
                missingDenominators++;
            }
        }
        for (int p = 0; p < starts.length; p++) {
            int from = starts[p];
            int to = p + 1 < starts.length ? starts[p + 1] : n;
            int len = to - from;
            double[] phaseStat = Arrays.copyOfRange(stat, from, to);
            double[] y = chart == ChartType.MR ? movingRanges(phaseStat) : phaseStat;
            boolean[] inBase = new boolean[len];
            for (int k = 0; k < len; k++) {
                inBase[k] = (options.fixAfter() == null || k < options.fixAfter()) && !excluded[from + k];
            }
            ControlLimits.Phase lim = ControlLimits.compute(
                    chart,
                    y,
                    den == null ? null : Arrays.copyOfRange(num, from, to),
                    den == null ? null : Arrays.copyOfRange(den, from, to),
                    inBase,
                    options.screenOutliers());
            // Runs analysis over the phase's points that are not excluded (qicharts2 removes excluded points).
            int[] keep =
                    IntStream.range(0, len).filter(k -> !excluded[from + k]).toArray();
            double[] included = Arrays.stream(keep).mapToDouble(k -> y[k]).toArray();
            RunAnalysis ra = RunChart.analyse(included, lim.centre());
            if (chart == ChartType.MR && ra.signal()) {
                // Moving ranges are autocorrelated, so runs rules do not apply (qicharts2 forces the signal off).
                ra = new RunAnalysis(
                        ra.centre(),
                        ra.observations(),
                        ra.useful(),
                        ra.longestRun(),
                        ra.longestRunMax(),
                        ra.crossings(),
                        ra.crossingsMin(),
                        false);
            }
            runs.add(ra);
            SpecialCauseRules.Flags f = flags(chart, y, keep, included, lim, ra, options);
            for (int k = 0; k < len; k++) {
                int i = from + k;
                boolean high = highDirection(y[k], lim, f, k);
                PointType type = PointType.of(
                        !Double.isNaN(y[k]) && (f.outside()[k] || f.trend()[k] || f.twoOfThree()[k] || f.shift()[k]),
                        high,
                        options.improvement());
                if (chart == ChartType.MR && type != PointType.COMMON_CAUSE) {
                    type = PointType.of(true, high, ImprovementDirection.NEUTRAL);
                }
                points[i] = new SpcPoint(
                        series.dates()[i],
                        y[k],
                        lim.centre(),
                        lim.lower()[k],
                        lim.upper()[k],
                        lim.lowerNear()[k],
                        lim.upperNear()[k],
                        f.outside()[k],
                        f.trend()[k],
                        f.twoOfThree()[k],
                        f.shift()[k],
                        type,
                        p + 1,
                        inBase[k] && !Double.isNaN(y[k]),
                        excluded[i]);
            }
            phaseWarnings(series, p, from, lim.baselinePoints(), warnings);
        }
        if (missingDenominators > 0) {
            warnings.add(
                    missingDenominators + " point(s) have a value but a missing or non-positive denominator and are"
                            + " treated as missing");
        }
        return new SpcResult(chart, options, Arrays.asList(points), summarise(series, options, points, warnings, runs));
    }

    private static void validate(SpcSeries series, SpcOptions options) {
        ChartType chart = options.chart();
        int n = series.size();
        if (chart.needsDenominator() && series.denominators() == null) {
            throw new IllegalArgumentException("series '" + series.id() + "': a " + chart.code()
                    + " chart needs denominators; supply a denominator for every point or use an xmr/c chart");
        }
        if (chart == ChartType.C && series.denominators() != null) {
            throw new IllegalArgumentException("series '" + series.id() + "': a c chart charts plain counts, but"
                    + " denominators were given; use a u (or uprime) chart for rates");
        }
        if (chart == ChartType.T && Arrays.stream(series.values()).anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("series '" + series.id() + "': a t chart charts times between events,"
                    + " which cannot be negative");
        }
        if (chart == ChartType.T && series.denominators() != null) {
            throw new IllegalArgumentException(
                    "series '" + series.id() + "': a t chart takes times between events," + " without denominators");
        }
        boolean counts = chart.needsDenominator() || chart == ChartType.C;
        boolean proportion = chart == ChartType.P || chart == ChartType.P_PRIME;
        for (int i = 0; i < n && counts; i++) {
            double v = series.values()[i];
            if (v < 0 || (proportion && series.denominators()[i] > 0 && v > series.denominators()[i])) {
                throw new IllegalArgumentException("series '" + series.id() + "', " + series.dates()[i] + ": a "
                        + chart.code() + " chart needs a count between 0" + (proportion ? " and the denominator" : "")
                        + ", got " + v + (proportion ? " of " + series.denominators()[i] : ""));
            }
        }
        for (int i : options.rebaseIndices()) {
            if (i >= n) {
                throw new IllegalArgumentException("series '" + series.id() + "': rebase index " + i + " is beyond its "
                        + n + " points (indices are 0-based)");
            }
        }
        for (int i : options.excludeIndices()) {
            if (i >= n) {
                throw new IllegalArgumentException("series '" + series.id() + "': exclude index " + i
                        + " is beyond its " + n + " points (indices are 0-based)");
            }
        }
    }

    /** value, or value/denominator (NaN when either is missing or the denominator is not positive). */
    private static double[] statistic(double[] num, double[] den) {
        if (den == null) {
            return num.clone();
        }
        double[] y = new double[num.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = den[i] > 0 && Double.isFinite(den[i]) ? num[i] / den[i] : Double.NaN;
        }
        return y;
    }

    /** |y_i − y_(i−1)| within a phase; the first point, and any next to a missing value, is NaN. */
    private static double[] movingRanges(double[] y) {
        double[] mr = new double[y.length];
        if (y.length > 0) {
            mr[0] = Double.NaN;
        }
        for (int i = 1; i < y.length; i++) {
            mr[i] = Math.abs(y[i] - y[i - 1]);
        }
        return mr;
    }

    /** Sorted distinct phase start indices, beginning with 0 (none for an empty series). */
    static int[] phaseStarts(SpcSeries series, SpcOptions options) {
        int n = series.size();
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        starts.addAll(options.rebaseIndices());
        for (LocalDate d : options.rebaseDates()) {
            for (int i = 0; i < n; i++) {
                if (!series.dates()[i].isBefore(d)) {
                    starts.add(i);
                    break;
                }
            }
        }
        return starts.stream().mapToInt(Integer::intValue).filter(i -> i < n).toArray();
    }

    private static SpecialCauseRules.Flags flags(
            ChartType chart,
            double[] y,
            int[] keep,
            double[] included,
            ControlLimits.Phase lim,
            RunAnalysis ra,
            SpcOptions options) {
        int len = y.length;
        if (chart == ChartType.RUN) {
            boolean[] longRuns = new boolean[len];
            if (ra.useful() > 0) {
                boolean[] compact = RunChart.longRuns(included, lim.centre(), ra.longestRunMax());
                for (int j = 0; j < keep.length; j++) {
                    longRuns[keep[j]] = compact[j];
                }
            }
            return new SpecialCauseRules.Flags(
                    new boolean[len], new boolean[len], new boolean[len], new boolean[len], longRuns);
        }
        SpecialCauseRules.Flags f = SpecialCauseRules.evaluate(
                y, lim.centre(), lim.lower(), lim.upper(), lim.lowerNear(), lim.upperNear(), options);
        if (chart == ChartType.MR) {
            return new SpecialCauseRules.Flags(
                    f.outside(), new boolean[len], new boolean[len], new boolean[len], new boolean[len]);
        }
        return f;
    }

    /** Direction of the highest-precedence flag: outside limits > trend > two-of-three > shift. */
    private static boolean highDirection(double v, ControlLimits.Phase lim, SpecialCauseRules.Flags f, int k) {
        if (f.outside()[k]) {
            return v > lim.upper()[k];
        }
        if (f.trend()[k]) {
            return f.trendUp()[k];
        }
        return v > lim.centre();
    }

    private static void phaseWarnings(SpcSeries series, int p, int from, int baselinePoints, List<String> out) {
        String where = "phase " + (p + 1) + " (from " + series.dates()[from] + ")";
        if (baselinePoints == 0) {
            out.add(where + ": no baseline points, so no centre line or limits");
        } else if (baselinePoints < MIN_BASELINE_POINTS) {
            out.add(where + ": short baseline, limits use " + baselinePoints
                    + " point(s); Making Data Count recommends at" + " least " + MIN_BASELINE_POINTS);
        }
    }

    private static SpcSummary summarise(
            SpcSeries series, SpcOptions options, SpcPoint[] points, List<String> warnings, List<RunAnalysis> runs) {
        SpcPoint last = null;
        LocalDate lastSpecial = null;
        for (SpcPoint pt : points) {
            if (!Double.isNaN(pt.value())) {
                last = pt;
            }
            if (pt.specialCause()) {
                lastSpecial = pt.date();
            }
        }
        if (last == null) {
            warnings.add("no non-missing points");
            return new SpcSummary(
                    series.id(), VariationIcon.COMMON_CAUSE, AssuranceIcon.NONE, points.length, null, warnings, runs);
        }
        VariationIcon variation = SpcIcons.variation(
                last.pointType(),
                options.chart() == ChartType.MR ? ImprovementDirection.NEUTRAL : options.improvement());
        AssuranceIcon assurance = options.chart() == ChartType.MR
                ? AssuranceIcon.NONE
                : SpcIcons.assurance(options.improvement(), options.target(), last.lowerLimit(), last.upperLimit());
        return new SpcSummary(series.id(), variation, assurance, points.length, lastSpecial, warnings, runs);
    }
}
