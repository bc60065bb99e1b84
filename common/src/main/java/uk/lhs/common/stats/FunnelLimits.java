package uk.lhs.common.stats;

import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.stats.PoissonFunnel.Side;

/**
 * PHE funnel-plot control limits and significance, as PHEindicatormethods {@code calculate_funnel_limits} and
 * {@code assign_funnel_significance} (R/Funnels.R, R/utils.R; PHE Fingertips technical guidance): proportions by the
 * inverted Wilson score ({@code sigma_adjustment}), ratios and rates by exact Poisson inversion. Limits are the
 * two-sided 95% ("2s", tail 0.025) and 99.8% ("3s", tail 0.001) levels.
 *
 * <p>The ratio and rate curves use PHE's bisection ({@link PoissonFunnel}), whose cost grows with the number of
 * events on the axis (a Poisson series per step): fine for thousands of events, slow for millions.
 *
 * <p>Units whose inputs are NaN or invalid (negative numerator, denominator ≤ 0, and for proportions numerator &gt;
 * denominator) are left out of the average and marked {@link FunnelSignificance#NO_DATA}; PHE stops with an error
 * instead.
 */
public final class FunnelLimits {
    /** Points on a PHE funnel-plot x axis. */
    public static final int AXIS_POINTS = 100;
    /** PHE starts the axis at 0 when the largest denominator is more than this times the smallest. */
    private static final double AXIS_FROM_ZERO_RATIO = 2.0;
    /** PHE's signif.floor / signif.ceiling margins below the smallest and above the largest denominator. */
    private static final double AXIS_MARGIN_DOWN = 0.95;

    private static final double AXIS_MARGIN_UP = 1.05;
    /** One-sided tail probabilities of the 95% and 99.8% limits. */
    private static final double TAIL_95 = 0.025;

    private static final double TAIL_998 = 0.001;
    /** Ratios below this many events are not tested when they are directly standardised rates (PHE). */
    private static final double DSR_MIN_EVENTS = 10.0;

    private FunnelLimits() {}

    /** How a ratio funnel is expressed (PHE ratio_type). */
    public enum RatioType {
        /** Observed/expected − 1 (so 0 is "as expected"). */
        COUNT,
        /** Observed/expected × 100 (an indirectly standardised ratio). */
        ISR
    }

    /** Which rate a rate funnel is for (PHE rate_type). */
    public enum RateType {
        /** Directly standardised rate: its denominator is derived as multiplier × events / rate, none for 0 events. */
        DSR,
        /** Crude rate: the denominator if given, else derived as for DSR. */
        CRUDE
    }

    /** Lower and upper limits at 95% and 99.8% for one denominator. */
    public record Limits(double lower95, double upper95, double lower998, double upper998) {}

    /**
     * One point of the funnel curve. For proportions {@code x} is the population and every {@code *At} equals it; for
     * ratios {@code x} is the observed events and {@code *At} the expected events at which each limit is reached; for
     * rates {@code x} is the events and {@code *At} the one-year population.
     */
    public record FunnelPoint(
            double x, double lower95At, double upper95At, double lower998At, double upper998At, Limits limits) {}

    /** The 100-point funnel curve with its centre line (average × multiplier; 0 or 100 for ratios). */
    public record FunnelTable(double baseline, List<FunnelPoint> points) {}

    /**
     * PHE {@code sigma_adjustment}: the Wilson score interval inverted around the average proportion, i.e. the
     * proportion at population N that is exactly at the limit.
     *
     * @param p one-sided probability, 0.975 (95% limits) or 0.999 (99.8% limits)
     * @param population the unit's denominator N, &gt; 0
     * @param average Σ numerators / Σ denominators
     * @param upper true for the high side
     * @param multiplier 100 for percentages
     */
    public static double sigmaAdjustment(
            double p, double population, double average, boolean upper, double multiplier) {
        double z2 = Math.pow(Quantiles.normal(p), 2);
        double firstPart = average * (population / z2 + 1);
        double adj = Math.sqrt(Math.pow(-8 * average * (population / z2 + 1), 2)
                - 64
                        * (1 / z2 + 1 / population)
                        * average
                        * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)));
        double lastPart = 1 / z2 + 1 / population;
        double limit = (upper ? firstPart + adj / 8 : firstPart - adj / 8) / lastPart;
        return limit / population * multiplier;
    }

    /** PHE proportion limits at one population, clamped to [0, multiplier] (PHE clamps to [0, 100]). */
    public static Limits proportionLimits(double population, double average, double multiplier) {
        return new Limits(
                Math.max(0, sigmaAdjustment(1 - TAIL_95, population, average, false, multiplier)),
                Math.min(multiplier, sigmaAdjustment(1 - TAIL_95, population, average, true, multiplier)),
                Math.max(0, sigmaAdjustment(1 - TAIL_998, population, average, false, multiplier)),
                Math.min(multiplier, sigmaAdjustment(1 - TAIL_998, population, average, true, multiplier)));
    }

    /**
     * The PHE proportion funnel curve (calculate_funnel_limits, statistic "proportion").
     *
     * @param numerators per unit
     * @param denominators per unit (same length)
     * @param multiplier 100 for percentages
     * @return 100 points over PHE's geometric population axis, baseline = average × multiplier
     */
    public static FunnelTable proportionTable(double[] numerators, double[] denominators, double multiplier) {
        boolean[] valid = validProportions(numerators, denominators);
        double average = sum(numerators, valid) / sum(denominators, valid);
        double[] axis = axis(
                firstAxisValue(min(denominators, valid), max(denominators, valid)),
                signifCeiling(max(denominators, valid)),
                false);
        List<FunnelPoint> points = new ArrayList<>();
        for (double n : axis) {
            points.add(new FunnelPoint(n, n, n, n, n, proportionLimits(n, average, multiplier)));
        }
        return new FunnelTable(average * multiplier, points);
    }

    /**
     * The PHE ratio funnel curve (statistic "ratio"): for each number of observed events O on the axis, the expected
     * counts at which O is at each exact Poisson limit, and the ratio O/E there.
     *
     * @param observed per unit
     * @param expected per unit (the axis runs over expected counts)
     */
    public static FunnelTable ratioTable(double[] observed, double[] expected, RatioType type) {
        boolean[] valid = validCounts(observed, expected);
        double[] axis = axis(
                firstAxisValue(min(expected, valid), max(expected, valid)), signifCeiling(max(expected, valid)), true);
        List<FunnelPoint> points = new ArrayList<>();
        for (double o : axis) {
            double l95 = PoissonFunnel.mean(o, TAIL_95, Side.HIGH);
            double u95 = PoissonFunnel.mean(o, TAIL_95, Side.LOW);
            double l998 = PoissonFunnel.mean(o, TAIL_998, Side.HIGH);
            double u998 = PoissonFunnel.mean(o, TAIL_998, Side.LOW);
            points.add(new FunnelPoint(
                    o,
                    l95,
                    u95,
                    l998,
                    u998,
                    new Limits(
                            expressRatio(o / l95, type),
                            expressRatio(o / u95, type),
                            expressRatio(o / l998, type),
                            expressRatio(o / u998, type))));
        }
        return new FunnelTable(type == RatioType.COUNT ? 0 : 100, points);
    }

    private static double expressRatio(double ratio, RatioType type) {
        return type == RatioType.COUNT ? ratio - 1 : ratio * 100;
    }

    /**
     * The PHE rate funnel curve (statistic "rate"): for each number of events on the axis, the population at which it
     * is at each exact Poisson limit of the average rate.
     *
     * @param events per unit
     * @param rates per unit, per {@code multiplier}
     * @param denominators per unit, or null; used for crude rates (a crude rate with 0 events needs it)
     * @param multiplier e.g. 100000
     * @param yearsOfData years the counts cover; the populations returned are per year
     */
    public static FunnelTable rateTable(
            double[] events,
            double[] rates,
            double[] denominators,
            RateType type,
            double multiplier,
            double yearsOfData) {
        double[] derived = derivedDenominators(events, rates, denominators, type, multiplier, true);
        boolean[] valid = validCounts(events, derived);
        double average = sumAllValid(events) / sum(derived, valid);
        double min = min(derived, valid);
        double max = max(derived, valid);
        double axisMin = max > AXIS_FROM_ZERO_RATIO * min ? 0 : signifFloor(min / yearsOfData) * yearsOfData;
        double axisMax = signifCeiling(max / yearsOfData) * yearsOfData;
        double[] axis = axis(Math.max(1, Math.floor(axisMin * average)), Math.ceil(axisMax * average), false);
        List<FunnelPoint> points = new ArrayList<>();
        for (double e : axis) {
            double l95 = PoissonFunnel.mean(e, TAIL_95, Side.HIGH) / average;
            double u95 = PoissonFunnel.mean(e, TAIL_95, Side.LOW) / average;
            double l998 = PoissonFunnel.mean(e, TAIL_998, Side.HIGH) / average;
            double u998 = PoissonFunnel.mean(e, TAIL_998, Side.LOW) / average;
            points.add(new FunnelPoint(
                    e,
                    l95 / yearsOfData,
                    u95 / yearsOfData,
                    l998 / yearsOfData,
                    u998 / yearsOfData,
                    new Limits(
                            e / l95 * multiplier, e / u95 * multiplier, e / l998 * multiplier, e / u998 * multiplier)));
        }
        return new FunnelTable(average * multiplier, points);
    }

    /**
     * PHE significance of each unit's proportion against the limits at its own denominator.
     *
     * @return one label per unit, in input order
     */
    public static FunnelSignificance[] proportionSignificance(double[] numerators, double[] denominators) {
        boolean[] valid = validProportions(numerators, denominators);
        double average = sum(numerators, valid) / sum(denominators, valid);
        FunnelSignificance[] out = new FunnelSignificance[numerators.length];
        for (int i = 0; i < out.length; i++) {
            if (!valid[i]) {
                out[i] = FunnelSignificance.NO_DATA;
                continue;
            }
            double value = numerators[i] / denominators[i];
            Limits l = unclampedProportionLimits(denominators[i], average);
            out[i] = classify(value < l.lower998(), value < l.lower95(), value > l.upper998(), value > l.upper95());
        }
        return out;
    }

    private static Limits unclampedProportionLimits(double population, double average) {
        return new Limits(
                sigmaAdjustment(1 - TAIL_95, population, average, false, 1),
                sigmaAdjustment(1 - TAIL_95, population, average, true, 1),
                sigmaAdjustment(1 - TAIL_998, population, average, false, 1),
                sigmaAdjustment(1 - TAIL_998, population, average, true, 1));
    }

    /**
     * PHE significance of each unit's ratio O/E against 1, by the PHE count interval of O (exact below 10 events,
     * Byar above) divided by E (funnel_ratio_significance).
     */
    public static FunnelSignificance[] ratioSignificance(double[] observed, double[] expected) {
        boolean[] valid = validCounts(observed, expected);
        FunnelSignificance[] out = new FunnelSignificance[observed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = valid[i] ? countSignificance(observed[i], expected[i], 1.0) : FunnelSignificance.NO_DATA;
        }
        return out;
    }

    /**
     * PHE significance of each unit's rate against the average rate Σ events / Σ derived denominators. DSRs from fewer
     * than 10 events are {@link FunnelSignificance#NOT_APPLICABLE_DSR_UNDER_10}.
     *
     * @param denominators per unit, or null; for crude rates it is used where there are 0 events
     */
    public static FunnelSignificance[] rateSignificance(
            double[] events, double[] rates, double[] denominators, RateType type, double multiplier) {
        double[] derived = derivedDenominators(events, rates, denominators, type, multiplier, false);
        boolean[] valid = validCounts(events, derived);
        double average = sumAllValid(events) / sum(derived, valid);
        FunnelSignificance[] out = new FunnelSignificance[events.length];
        for (int i = 0; i < out.length; i++) {
            if (type == RateType.DSR && events[i] < DSR_MIN_EVENTS) {
                out[i] = FunnelSignificance.NOT_APPLICABLE_DSR_UNDER_10;
            } else {
                out[i] = valid[i] ? countSignificance(events[i], derived[i], average) : FunnelSignificance.NO_DATA;
            }
        }
        return out;
    }

    private static FunnelSignificance countSignificance(double count, double denominator, double reference) {
        Estimate e998 = ConfidenceIntervals.rate(count, denominator, ConfidenceIntervals.CONFIDENCE_99_8, 1);
        Estimate e95 = ConfidenceIntervals.rate(count, denominator, ConfidenceIntervals.CONFIDENCE_95, 1);
        return classify(
                reference > e998.upper(), reference > e95.upper(), reference < e998.lower(), reference < e95.lower());
    }

    private static FunnelSignificance classify(boolean low998, boolean low95, boolean high998, boolean high95) {
        if (low998) {
            return FunnelSignificance.LOW_0_001;
        } else if (low95) {
            return FunnelSignificance.LOW_0_025;
        } else if (high998) {
            return FunnelSignificance.HIGH_0_001;
        } else if (high95) {
            return FunnelSignificance.HIGH_0_025;
        }
        return FunnelSignificance.NOT_SIGNIFICANT;
    }

    /**
     * PHE's derived denominators for rates: multiplier × events / rate, with none (NaN) for a DSR with 0 events. For
     * crude rates a supplied denominator is used: for every unit when drawing the curve, only for 0 events when
     * testing significance (as PHE does).
     */
    private static double[] derivedDenominators(
            double[] events,
            double[] rates,
            double[] denominators,
            RateType type,
            double multiplier,
            boolean forCurve) {
        double[] out = new double[events.length];
        for (int i = 0; i < out.length; i++) {
            double fromRate = events[i] == 0 ? Double.NaN : multiplier * events[i] / rates[i];
            if (type == RateType.CRUDE && denominators != null && (forCurve || events[i] == 0)) {
                out[i] = denominators[i];
            } else {
                out[i] = fromRate;
            }
        }
        return out;
    }

    /** PHE's x axis: x[1] = first, x[j] = max(round((max/x[j−1])^(1/(101−j))·x[j−1]), x[j−1] + 1). */
    private static double[] axis(double first, double maximum, boolean ratioOffset) {
        double[] x = new double[AXIS_POINTS];
        x[0] = first;
        for (int j = 2; j <= AXIS_POINTS; j++) {
            int offset = ratioOffset ? j - 1 : j;
            double prev = x[j - 2];
            // R round() is round-half-even, as Math.rint.
            x[j - 1] = Math.max(Math.rint(Math.pow(maximum / prev, 1.0 / (AXIS_POINTS + 1 - offset)) * prev), prev + 1);
        }
        return x;
    }

    /** PHE: the axis starts at 0 (then 1) when denominators vary more than twofold, else near the smallest. */
    private static double firstAxisValue(double min, double max) {
        double axisMin = max > AXIS_FROM_ZERO_RATIO * min ? 0 : signifFloor(min);
        return Math.max(1, axisMin);
    }

    /** PHE signif.floor: 0.95·x rounded down to its leading digit. */
    static double signifFloor(double x) {
        if (x == 0) {
            return 0;
        }
        double scaled = Math.floor(x * AXIS_MARGIN_DOWN);
        double unit = Math.pow(10, digits(scaled) - 1);
        return Math.floor(x * AXIS_MARGIN_DOWN / unit) * unit;
    }

    /** PHE signif.ceiling: 1.05·x rounded up to its two leading digits. */
    static double signifCeiling(double x) {
        if (x == 0) {
            return 0;
        }
        double scaled = Math.ceil(x * AXIS_MARGIN_UP);
        double unit = Math.pow(10, digits(scaled) - 2);
        return Math.ceil(x * AXIS_MARGIN_UP / unit) * unit;
    }

    /**
     * Number of decimal digits of a whole number, which is what PHE means by nchar(floor(x)). R itself prints some
     * round numbers in scientific form (nchar(100000) is 5, "1e+05"), so for such exact values PHE's axis end can
     * differ from ours by one rounding step; the limits at any given denominator do not change.
     */
    private static int digits(double wholeNumber) {
        return Long.toString((long) wholeNumber).length();
    }

    private static boolean[] validProportions(double[] x, double[] n) {
        boolean[] valid = validCounts(x, n);
        for (int i = 0; i < valid.length; i++) {
            valid[i] = valid[i] && x[i] <= n[i];
        }
        return valid;
    }

    private static boolean[] validCounts(double[] x, double[] n) {
        if (x.length != n.length) {
            throw new IllegalArgumentException(
                    "numerators (" + x.length + ") and denominators (" + n.length + ") must have one value per unit");
        }
        boolean[] valid = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            valid[i] = !Double.isNaN(x[i]) && !Double.isNaN(n[i]) && x[i] >= 0 && n[i] > 0;
        }
        return valid;
    }

    private static double sum(double[] v, boolean[] valid) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            if (valid[i]) {
                s += v[i];
            }
        }
        return s;
    }

    /** Σ events over units with a usable count (PHE sums every numerator, including DSRs with 0 events). */
    private static double sumAllValid(double[] events) {
        double s = 0;
        for (double e : events) {
            if (!Double.isNaN(e) && e >= 0) {
                s += e;
            }
        }
        return s;
    }

    private static double min(double[] v, boolean[] valid) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (valid[i]) {
                m = Math.min(m, v[i]);
            }
        }
        return m;
    }

    private static double max(double[] v, boolean[] valid) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (valid[i]) {
                m = Math.max(m, v[i]);
            }
        }
        return m;
    }
}
