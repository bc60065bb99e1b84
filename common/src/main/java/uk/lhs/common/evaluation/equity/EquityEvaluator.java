package uk.lhs.common.evaluation.equity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.CaveatCode;
import uk.lhs.common.evaluation.CaveatRules;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.InterruptedTimeSeries;
import uk.lhs.common.evaluation.ItsResult;
import uk.lhs.common.evaluation.MonthlyValue;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.SeriesWindow;
import uk.lhs.common.evaluation.Severity;

/**
 * Equity of an intervention's effect: the interrupted time series of {@link InterruptedTimeSeries} (segmented
 * regression, Wagner et al. 2002, with Newey–West 1987 HAC standard errors in the evaluation's
 * {@link uk.lhs.common.evaluation.HacForm}) fitted to seven monthly series of the exposed organisation:
 *
 * <ul>
 *   <li>each IMD quintile's value, numerator / denominator × multiplier of that quintile's own counts;
 *   <li>the gap Q1 − Q5, month by month from those values. Fitting the one difference series gives the same level
 *       change as the fully interacted two-group segmented regression (Linden 2015, "Conducting interrupted
 *       time-series analysis for single- and multiple-group comparisons", Stata Journal 15:480–500: the group ×
 *       post coefficient), but its HAC standard error (Newey &amp; West 1987, Econometrica 55:703–708) is computed on
 *       the differences, so whatever the two quintiles share month to month (the same wards, staff and winter)
 *       cancels and their correlation is respected rather than ignored;
 *   <li>the slope index of inequality of each month, the population-weighted least-squares slope of the quintile
 *       values on the midpoints of their cumulative population rank (PHE "Technical Guide: Calculating the slope index
 *       of inequality"; {@link uk.lhs.common.stats.Inequality}), Q1 at rank 0: a positive SII means higher values
 *       towards the least deprived. The shares are the quintiles' denominators that month.
 * </ul>
 *
 * A month missing in a quintile (no counts, zero denominator, or suppressed in the published input) is a gap in that
 * quintile's series and in the gap and SII series of that month. Caveat {@link CaveatCode#SMALL_SUBGROUP} marks a
 * quintile whose median monthly denominator is below the catalog's reliability minimum, or with too few usable months
 * (the series could not be fitted, or more than a quarter of the window's months are missing), and the gap and SII
 * whenever a quintile they use is so marked. Caveat {@link CaveatCode#REVISED_DATA} (info,
 * {@link CaveatRules#revisedData}) marks a subgroup when a revision moved, in a month it analyses, the value of a
 * quintile it is computed from (its own; Q1 or Q5 for the gap; any for the SII). Deterministic; no I/O.
 */
public final class EquityEvaluator {
    private EquityEvaluator() {}

    /** Share of the window's months that may be missing before a quintile counts as having too few usable months. */
    static final double MAX_MISSING_SHARE = 0.25;

    /**
     * Evaluates the seven subgroups.
     *
     * @param in the input
     * @return one effect per subgroup, in {@link Subgroups#ALL} order
     */
    public static List<SubgroupEffect> evaluate(EquityInput in) {
        LocalDate firstPost = in.firstPost();
        TreeSet<LocalDate> allMonths = new TreeSet<>();
        List<Map<LocalDate, double[]>> counts = new ArrayList<>(); // month -> {value, denominator}
        for (String q : Subgroups.QUINTILES) {
            Map<LocalDate, double[]> m = new TreeMap<>();
            for (MonthlyValue v : in.quintiles().getOrDefault(q, List.of())) {
                allMonths.add(v.periodStart());
                if (Double.isFinite(v.numerator()) && Double.isFinite(v.denominator()) && v.denominator() > 0) {
                    m.put(
                            v.periodStart(),
                            new double[] {v.numerator() / v.denominator() * in.multiplier(), v.denominator()});
                }
            }
            counts.add(m);
        }
        List<LocalDate> window = allMonths.stream()
                .filter(d -> d.isBefore(in.start()) || !d.isBefore(firstPost))
                .toList();
        List<SubgroupEffect> out = new ArrayList<>();
        boolean[] small = new boolean[Subgroups.QUINTILES.size()];
        for (int i = 0; i < Subgroups.QUINTILES.size(); i++) {
            Map<LocalDate, double[]> m = counts.get(i);
            List<MonthlyValue> series = new ArrayList<>();
            m.forEach((d, v) -> series.add(MonthlyValue.of(d, v[0])));
            double[] dens = m.entrySet().stream()
                    .filter(e -> window.contains(e.getKey()))
                    .mapToDouble(e -> e.getValue()[1])
                    .toArray();
            Fit f = fit(series, in);
            long usable = window.stream().filter(m::containsKey).count();
            boolean thin = in.minDenominator() > 0 && (dens.length == 0 || median(dens) < in.minDenominator());
            boolean fewMonths = f.its == null || usable < (1 - MAX_MISSING_SHARE) * window.size();
            small[i] = thin || fewMonths;
            List<Caveat> caveats = new ArrayList<>();
            if (small[i]) {
                caveats.add(new Caveat(
                        CaveatCode.SMALL_SUBGROUP,
                        Severity.WARNING,
                        quintileLabel(Subgroups.QUINTILES.get(i)) + " is thin here: "
                                + (thin
                                        ? "its median monthly denominator is "
                                                + num(dens.length == 0 ? 0 : median(dens))
                                                + ", below the reliability minimum of " + num(in.minDenominator())
                                        : "")
                                + (thin && fewMonths ? ", and " : "")
                                + (fewMonths
                                        ? "only " + usable + " of " + window.size() + " months have usable counts"
                                        : "")
                                + ", so its estimate is imprecise and should not be read on its own."));
            }
            out.add(f.effect(
                    Subgroups.QUINTILES.get(i),
                    series,
                    firstPost,
                    in,
                    caveats,
                    revisions(in, List.of(Subgroups.QUINTILES.get(i))),
                    "the value"));
        }
        // The gap Q1 − Q5, month by month.
        List<MonthlyValue> gap = new ArrayList<>();
        for (LocalDate d : allMonths) {
            double[] q1 = counts.get(0).get(d);
            double[] q5 = counts.get(Subgroups.QUINTILES.size() - 1).get(d);
            if (q1 != null && q5 != null) {
                gap.add(MonthlyValue.of(d, q1[0] - q5[0]));
            }
        }
        List<Caveat> gapCaveats = new ArrayList<>();
        if (small[0] || small[small.length - 1]) {
            gapCaveats.add(new Caveat(
                    CaveatCode.SMALL_SUBGROUP,
                    Severity.WARNING,
                    "The gap uses a thin quintile (" + thinList(small, true) + "), so its estimate is imprecise."));
        }
        List<String> ends = List.of(Subgroups.QUINTILES.get(0), Subgroups.QUINTILES.get(small.length - 1));
        out.add(fit(gap, in)
                .effect(Subgroups.GAP, gap, firstPost, in, gapCaveats, revisions(in, ends), "a quintile's value"));
        // The SII, month by month, from months with all five quintiles.
        List<MonthlyValue> sii = new ArrayList<>();
        for (LocalDate d : allMonths) {
            double[] y = new double[small.length];
            double[] pop = new double[small.length];
            boolean complete = true;
            for (int i = 0; i < small.length && complete; i++) {
                double[] v = counts.get(i).get(d);
                complete = v != null;
                if (complete) {
                    y[i] = v[0];
                    pop[i] = v[1];
                }
            }
            if (complete) {
                sii.add(MonthlyValue.of(d, slopeIndex(y, pop)));
            }
        }
        List<Caveat> siiCaveats = new ArrayList<>();
        if (thinList(small, false).length() > 0) {
            siiCaveats.add(new Caveat(
                    CaveatCode.SMALL_SUBGROUP,
                    Severity.WARNING,
                    "The slope index uses thin quintiles (" + thinList(small, false)
                            + "), so its estimate is imprecise."));
        }
        out.add(fit(sii, in)
                .effect(
                        Subgroups.SII,
                        sii,
                        firstPost,
                        in,
                        siiCaveats,
                        revisions(in, Subgroups.QUINTILES),
                        "a quintile's value"));
        return out;
    }

    /**
     * The slope index of inequality of one month: the weighted least-squares slope of {@code y} on the midpoints of
     * the cumulative population rank, weights the population shares (PHE SII technical guide; the point estimate of
     * {@link uk.lhs.common.stats.Inequality#compute}). Quintile 1 (most deprived) first, at rank 0.
     */
    public static double slopeIndex(double[] y, double[] population) {
        double total = Arrays.stream(population).sum();
        double before = 0;
        double meanRank = 0;
        double meanY = 0;
        double[] share = new double[y.length];
        double[] rank = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            share[i] = population[i] / total;
            rank[i] = before + share[i] / 2;
            before += share[i];
            meanRank += share[i] * rank[i];
            meanY += share[i] * y[i];
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < y.length; i++) {
            sxy += share[i] * (rank[i] - meanRank) * (y[i] - meanY);
            sxx += share[i] * (rank[i] - meanRank) * (rank[i] - meanRank);
        }
        return sxy / sxx;
    }

    /** An ITS fit, or null when the series is too short. */
    private record Fit(ItsResult its) {
        SubgroupEffect effect(
                String subgroup,
                List<MonthlyValue> series,
                LocalDate firstPost,
                EquityInput in,
                List<Caveat> first,
                List<Revision> revisions,
                String revisedWhat) {
            SeriesWindow w = SeriesWindow.of(series, in.start(), firstPost);
            List<Caveat> caveats = new ArrayList<>(first);
            EvaluationOptions o = in.options();
            if (w.nPre() < o.minBaseline()) {
                caveats.add(new Caveat(
                        CaveatCode.SHORT_BASELINE,
                        Severity.WARNING,
                        "Only " + w.nPre() + " usable months before the start (at least " + o.minBaseline()
                                + " are recommended)."));
            }
            if (w.nPost() < o.minFollowUp()) {
                caveats.add(new Caveat(
                        CaveatCode.SHORT_FOLLOW_UP,
                        Severity.WARNING,
                        "Only " + w.nPost() + " usable months since the start (at least " + o.minFollowUp()
                                + " are recommended)."));
            }
            if (w.gaps() > 0) {
                caveats.add(new Caveat(
                        CaveatCode.DATA_GAPS,
                        Severity.WARNING,
                        w.gaps() + " month(s) inside the period are missing for this subgroup (no counts, or"
                                + " suppressed); the estimate uses the months present."));
            }
            CaveatRules.revisedData(Arrays.asList(w.months()), revisions, revisedWhat)
                    .ifPresent(caveats::add);
            double[] pre = w.preValues();
            double baseline =
                    pre.length == 0 ? Double.NaN : Arrays.stream(pre).average().orElse(Double.NaN);
            if (its == null) {
                return new SubgroupEffect(
                        subgroup,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        w.nPre(),
                        w.nPost(),
                        baseline,
                        caveats);
            }
            return new SubgroupEffect(
                    subgroup,
                    its.levelChange(),
                    its.levelCiLower(),
                    its.levelCiUpper(),
                    its.levelP(),
                    its.nPre(),
                    its.nPost(),
                    baseline,
                    caveats);
        }
    }

    /** The revisions of the quintiles a subgroup's series is computed from. */
    private static List<Revision> revisions(EquityInput in, List<String> quintiles) {
        return quintiles.stream()
                .flatMap(q -> in.revisions().getOrDefault(q, List.of()).stream())
                .toList();
    }

    private static Fit fit(List<MonthlyValue> series, EquityInput in) {
        SeriesWindow w = SeriesWindow.of(series, in.start(), in.firstPost());
        EvaluationOptions o = in.options();
        if (Arrays.stream(w.y()).distinct().count() < 2) {
            // One value in every month (e.g. a published quintile whose non-suppressed months all round to 0): the
            // fit is exact and its interval has zero width, which would read as certainty. Not evaluable.
            return new Fit(null);
        }
        try {
            return new Fit(InterruptedTimeSeries.fit(w, o.hacLag(), o.alpha(), o.hacForm()));
        } catch (IllegalArgumentException e) {
            return new Fit(null); // too few months on one side, or fewer months than coefficients
        }
    }

    private static String thinList(boolean[] small, boolean endsOnly) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < small.length; i++) {
            if (small[i] && (!endsOnly || i == 0 || i == small.length - 1)) {
                names.add("Q" + (i + 1));
            }
        }
        return String.join(", ", names);
    }

    /** "The most deprived fifth (IMD quintile 1)" and so on. */
    static String quintileLabel(String stratum) {
        int q = Subgroups.QUINTILES.indexOf(stratum) + 1;
        return switch (q) {
            case 1 -> "The most deprived fifth (IMD quintile 1)";
            case 5 -> "The least deprived fifth (IMD quintile 5)";
            default -> "IMD quintile " + q;
        };
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
