package uk.lhs.common.evaluation;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single entry point: evaluates one intervention × indicator × organisation.
 *
 * <p>Steps: 1. split the exposed series at the start (implementation months dropped); 2. align comparators with
 * complete data; 3. run each method the data allow — pre/post (Welch), SPC (XmR frozen on the baseline), ITS
 * (segmented regression, HAC), DiD against the comparator mean (HAC) with a parallel-trends test, synthetic control
 * (demeaned, placebo-in-space); 4. fit the same ITS to the region/England series; 5. raise caveats
 * ({@link CaveatRules}); 6. decide the attribution level ({@link AttributionRule}); 7. build one row per method
 * plus a summary row. Pure and deterministic: no I/O, no randomness.
 */
public final class InterventionEvaluator {
    private InterventionEvaluator() {}

    /**
     * Whether the series is a count: every value is its own numerator and there is no denominator (the catalog's
     * {@code type: count} indicators, e.g. pathways waiting over 52 weeks).
     */
    static boolean isCount(List<MonthlyValue> series) {
        for (MonthlyValue v : series) {
            if (!Double.isFinite(v.numerator()) || Double.isFinite(v.denominator()) || v.numerator() != v.value()) {
                return false;
            }
        }
        return !series.isEmpty();
    }

    /**
     * Evaluates one unit.
     *
     * @param input series, start, directions, other interventions and options
     * @return one row per method plus the summary row, the attribution with its reasons, and the caveats
     */
    public static EvaluationResult evaluate(EvaluationInput input) {
        EvaluationOptions o = input.options();
        SeriesWindow w = SeriesWindow.of(input.exposed(), input.interventionStart(), input.firstPostMonth());
        ComparatorPanel aligned = ComparatorPanel.align(w, input.comparators());
        // Counts are compared on the exposed organisation's scale (see ComparatorPanel.scaledTo).
        ComparatorPanel panel = isCount(input.exposed()) ? aligned.scaledTo(w) : aligned;
        int nPre = w.nPre();
        int nPost = w.nPost();
        PrePostResult prePost =
                nPre >= 2 && nPost >= 2 ? PrePost.compare(w.preValues(), w.postValues(), o.alpha()) : null;
        SpcCheckResult spc = nPre >= 2 && nPost >= 1 ? XmrCheck.check(w, input.expectedDirection()) : null;
        ItsResult its = fitIts(w, o);
        DidResult did = panel.size() >= 1 && nPre >= 2 && nPost >= 1
                ? DifferenceInDifferences.estimate(w, panel, o.hacLag(), o.alpha(), o.hacForm())
                : null;
        SyntheticControlResult sc = panel.size() >= 2 && nPre >= 2 && nPost >= 1
                ? SyntheticControl.fit(w, panel, true, o.hacLag(), o.alpha(), o.hacForm())
                : null;
        SeriesWindow rw = SeriesWindow.of(input.region(), input.interventionStart(), input.firstPostMonth());
        ItsResult regionIts = fitIts(rw, o);
        PrePostResult regionPrePost = regionIts == null && rw.nPre() >= 2 && rw.nPost() >= 2
                ? PrePost.compare(rw.preValues(), rw.postValues(), o.alpha())
                : null;

        Evidence e = new Evidence(input, w, panel, prePost, spc, its, did, sc, regionIts, regionPrePost);
        List<Caveat> caveats = CaveatRules.assess(e);
        AttributionDecision decision = AttributionRule.decide(e, caveats);

        List<MethodResult> rows = new ArrayList<>();
        rows.add(prePostRow(prePost, nPre, nPost, caveats));
        rows.add(spcRow(spc, w, nPre, nPost, caveats));
        rows.add(itsRow(its, nPre, nPost, caveats));
        rows.add(didRow(did, nPre, nPost, caveats));
        rows.add(scRow(sc, nPre, nPost, caveats));
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("available", its == null ? 0.0 : 1.0);
        summary.put("attribution_rank", (double) decision.attribution().ordinal());
        summary.put("methods_run", (double)
                rows.stream().filter(MethodResult::available).count());
        summary.put("caveats_critical", (double)
                caveats.stream().filter(c -> c.severity() == Severity.CRITICAL).count());
        summary.put("caveats_warning", (double)
                caveats.stream().filter(c -> c.severity() == Severity.WARNING).count());
        summary.put("comparators", (double) panel.size());
        rows.add(new MethodResult(
                Method.SUMMARY,
                its == null ? Double.NaN : its.levelChange(),
                its == null ? Double.NaN : its.levelCiLower(),
                its == null ? Double.NaN : its.levelCiUpper(),
                its == null ? Double.NaN : its.levelP(),
                nPre,
                nPost,
                decision.attribution(),
                caveats,
                summary));
        return new EvaluationResult(rows, decision.attribution(), decision.reasons(), caveats, e);
    }

    private static ItsResult fitIts(SeriesWindow w, EvaluationOptions o) {
        if (w.nPre() < 3 || w.nPost() < 2) {
            return null;
        }
        try {
            return InterruptedTimeSeries.fit(w, o.hacLag(), o.alpha(), o.hacForm());
        } catch (IllegalArgumentException collinearOrTooShort) {
            return null;
        }
    }

    private static List<Caveat> scoped(List<Caveat> caveats, Method m) {
        return caveats.stream().filter(c -> CaveatRules.concerns(c, m)).toList();
    }

    private static MethodResult notRun(Method m, int nPre, int nPost, List<Caveat> caveats) {
        return new MethodResult(
                m,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                nPre,
                nPost,
                null,
                scoped(caveats, m),
                Map.of("available", 0.0));
    }

    private static MethodResult prePostRow(PrePostResult r, int nPre, int nPost, List<Caveat> caveats) {
        if (r == null) {
            return notRun(Method.PRE_POST, nPre, nPost, caveats);
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("available", 1.0);
        d.put("pre_mean", r.preMean());
        d.put("post_mean", r.postMean());
        d.put("relative_change", r.relativeChange());
        d.put("relative_ci_lower", r.relativeCiLower());
        d.put("relative_ci_upper", r.relativeCiUpper());
        d.put("welch_df", r.df());
        return new MethodResult(
                Method.PRE_POST,
                r.change(),
                r.ciLower(),
                r.ciUpper(),
                r.pValue(),
                r.nPre(),
                r.nPost(),
                null,
                scoped(caveats, Method.PRE_POST),
                d);
    }

    private static MethodResult spcRow(SpcCheckResult r, SeriesWindow w, int nPre, int nPost, List<Caveat> caveats) {
        if (r == null) {
            return notRun(Method.SPC, nPre, nPost, caveats);
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("available", 1.0);
        d.put("centre", r.centre());
        d.put("lower_limit", r.lowerLimit());
        d.put("upper_limit", r.upperLimit());
        d.put("average_moving_range", r.averageMovingRange());
        d.put("points_beyond_limits", (double) r.pointsBeyondLimits());
        d.put("shift_detected", r.shiftDetected() ? 1.0 : 0.0);
        d.put("special_cause", r.specialCause() ? 1.0 : 0.0);
        // Months from the first post month to the start of the first sustained shift (NaN if none).
        d.put(
                "first_shift_offset_months",
                r.firstShiftStart() == null
                        ? Double.NaN
                        : (double) ChronoUnit.MONTHS.between(w.months()[w.size() - r.nPost()], r.firstShiftStart()));
        return new MethodResult(
                Method.SPC,
                r.postMean() - r.centre(),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                r.nPre(),
                r.nPost(),
                null,
                scoped(caveats, Method.SPC),
                d);
    }

    private static MethodResult itsRow(ItsResult r, int nPre, int nPost, List<Caveat> caveats) {
        if (r == null) {
            return notRun(Method.ITS, nPre, nPost, caveats);
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("available", 1.0);
        d.put("slope_change", r.slopeChange());
        d.put("slope_change_p", r.slopeP());
        d.put("pre_slope", r.preSlope());
        d.put("pre_slope_p", r.preSlopeP());
        d.put("durbin_watson", r.durbinWatson());
        d.put("lag1_acf", r.lag1Autocorrelation());
        d.put("hac_lag", (double) r.hacLag());
        d.put("seasonal", r.seasonal() ? 1.0 : 0.0);
        d.put("df", r.df());
        d.put("se", r.levelSe());
        return new MethodResult(
                Method.ITS,
                r.levelChange(),
                r.levelCiLower(),
                r.levelCiUpper(),
                r.levelP(),
                r.nPre(),
                r.nPost(),
                null,
                scoped(caveats, Method.ITS),
                d);
    }

    private static MethodResult didRow(DidResult r, int nPre, int nPost, List<Caveat> caveats) {
        if (r == null) {
            return notRun(Method.DID, nPre, nPost, caveats);
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("available", 1.0);
        d.put("parallel_trends_p", r.parallelTrendsP());
        d.put("pre_slope_difference", r.preSlopeDifference());
        d.put("comparators", (double) r.comparatorsUsed().size());
        d.put("hac_lag", (double) r.hacLag());
        d.put("se", r.se());
        return new MethodResult(
                Method.DID,
                r.estimate(),
                r.ciLower(),
                r.ciUpper(),
                r.pValue(),
                r.nPre(),
                r.nPost(),
                null,
                scoped(caveats, Method.DID),
                d);
    }

    private static MethodResult scRow(SyntheticControlResult r, int nPre, int nPost, List<Caveat> caveats) {
        if (r == null) {
            return notRun(Method.SYNTHETIC_CONTROL, nPre, nPost, caveats);
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("available", 1.0);
        d.put("pre_rmspe", r.preRmspe());
        d.put("post_rmspe", r.postRmspe());
        d.put("rmspe_ratio", r.rmspeRatio());
        d.put("placebo_p", r.placeboP());
        d.put("hac_p", r.hacP());
        d.put("intercept", r.intercept());
        d.put("donors", (double) r.donors().size());
        double maxWeight = 0;
        for (double v : r.weights()) {
            maxWeight = Math.max(maxWeight, v);
        }
        d.put("max_donor_weight", maxWeight);
        d.put("se", r.se());
        // p_value is the placebo-in-space rank p (Abadie et al. 2010); the interval is the approximate HAC one.
        return new MethodResult(
                Method.SYNTHETIC_CONTROL,
                r.estimate(),
                r.ciLower(),
                r.ciUpper(),
                r.placeboP(),
                r.nPre(),
                r.nPost(),
                null,
                scoped(caveats, Method.SYNTHETIC_CONTROL),
                d);
    }
}
