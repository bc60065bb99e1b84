package uk.lhs.common.stats;

import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.stats.FunnelLimits.Limits;

/**
 * Overdispersion-adjusted funnel limits (Spiegelhalter 2005, "Handling over-dispersion of performance indicators",
 * Qual Saf Health Care 14:347-351), as implemented by FunnelPlotR (nhs-r-community, commit 9020d49:
 * R/od_adjustment.R, R/calculate_limits.R): z-scores, SHMI truncation or winsorisation, the dispersion ratio phi,
 * the between-unit variance tau² (DerSimonian-Laird form) and limits at each unit's own denominator.
 *
 * <p>Call it once per (indicator, period) group with one numerator and denominator per unit. Units with missing or
 * invalid inputs (NaN, denominator ≤ 0, negative numerator, proportion above 1) are returned with
 * {@link Position#NO_DATA} and take no part in the target, phi or tau². A unit whose z-score is not finite (SHMI
 * with 0 observed) is ranked but left out of phi, where FunnelPlotR would return an infinite phi.
 */
public final class SpiegelhalterFunnel {
    /** FunnelPlotR rounds SHMI expected counts to this many decimals before use ({@code SHMI_rounding = TRUE}). */
    private static final double SHMI_ROUNDING_SCALE = 100.0;
    /** FunnelPlotR's default share trimmed (truncated or winsorised) at each end before estimating phi. */
    public static final double DEFAULT_TRIM = 0.1;

    private SpiegelhalterFunnel() {}

    /** The indicator type and its variance-stabilising transformation (FunnelPlotR data_type / sr_method). */
    public enum DataType {
        /** Standardised ratio O/E, log scale, truncated (NHS Digital SHMI method). */
        SR_SHMI,
        /** Standardised ratio O/E, square-root scale, winsorised (CQC method). */
        SR_CQC,
        /** Proportion, arcsine-square-root scale, winsorised. */
        PR,
        /** Ratio of counts, log scale, winsorised. */
        RC
    }

    /** Where a unit's value lies against a pair of limits. */
    public enum Position {
        /** Below the lower limit. */
        BELOW,
        /** Between the limits (inclusive). */
        WITHIN,
        /** Above the upper limit. */
        ABOVE,
        /** The unit has no usable data. */
        NO_DATA
    }

    /**
     * Options.
     *
     * @param type the data type
     * @param trimBy share truncated/winsorised at each end, in (0, 0.5); FunnelPlotR default 0.1
     * @param shmiRounding round SR_SHMI denominators to 2 decimals first (FunnelPlotR default true)
     */
    public record Options(DataType type, double trimBy, boolean shmiRounding) {
        /** Validates the trim share. */
        public Options {
            if (!(trimBy > 0 && trimBy < 0.5)) {
                throw new IllegalArgumentException(
                        "trimBy must be in (0, 0.5), e.g. 0.1 for 10% at each end, but was " + trimBy);
            }
        }

        /** FunnelPlotR defaults for a data type: trim 0.1, SHMI rounding on. */
        public static Options defaults(DataType type) {
            return new Options(type, DEFAULT_TRIM, true);
        }
    }

    /**
     * One unit's result.
     *
     * @param value numerator / denominator (the plotted ratio or proportion; NaN without data)
     * @param z the unadjusted z-score against the target
     * @param usedForPhi whether it was kept for phi (not truncated, finite z)
     * @param adjusted overdispersion-adjusted limits at this unit's denominator (tau² = 0 gives normal limits)
     * @param unadjusted limits without overdispersion: exact Poisson for SR, normal on the transformed scale otherwise
     * @param applied {@code adjusted} when the group is overdispersed (tau² &gt; 0), else {@code unadjusted}
     * @param at95 the value against the applied 95% limits
     * @param at998 the value against the applied 99.8% limits
     */
    public record Unit(
            double value,
            double z,
            boolean usedForPhi,
            Limits adjusted,
            Limits unadjusted,
            Limits applied,
            Position at95,
            Position at998) {}

    /**
     * The group result.
     *
     * @param target the centre line: 1 for SR, Σ numerators / Σ denominators for PR and RC
     * @param phi dispersion ratio Σz²/n over the kept units
     * @param tau2 between-unit variance on the transformed scale
     * @param unitsUsedForPhi n, the number of kept units
     * @param overdispersed tau² &gt; 0, so the adjusted limits apply. As FunnelPlotR funnel_plot(): it falls back to
     *     unadjusted limits when tau² = 0, which happens when n·phi &lt; n − 1, so a phi slightly below 1 can still be
     *     overdispersed
     * @param units one result per input unit, in input order
     */
    public record Result(
            double target, double phi, double tau2, int unitsUsedForPhi, boolean overdispersed, List<Unit> units) {}

    /**
     * Computes z-scores, phi, tau² and limits for one group of units.
     *
     * @param numerators observed counts (O) per unit
     * @param denominators expected counts (E, for SR) or denominators (N) per unit
     */
    public static Result compute(double[] numerators, double[] denominators, Options options) {
        if (numerators.length != denominators.length) {
            throw new IllegalArgumentException("numerators (" + numerators.length + ") and denominators ("
                    + denominators.length + ") must have one value per unit");
        }
        DataType type = options.type();
        int n = numerators.length;
        double[] den = new double[n];
        boolean[] valid = new boolean[n];
        double sumNum = 0;
        double sumDen = 0;
        for (int i = 0; i < n; i++) {
            den[i] = type == DataType.SR_SHMI && options.shmiRounding()
                    ? Math.rint(denominators[i] * SHMI_ROUNDING_SCALE) / SHMI_ROUNDING_SCALE
                    : denominators[i];
            double o = numerators[i];
            valid[i] = !Double.isNaN(o)
                    && !Double.isNaN(den[i])
                    && o >= 0
                    && den[i] > 0
                    && !(type == DataType.PR && o > den[i]);
            if (valid[i]) {
                sumNum += o;
                sumDen += den[i];
            }
        }
        double target = type == DataType.SR_SHMI || type == DataType.SR_CQC ? 1.0 : sumNum / sumDen;

        double[] z = new double[n];
        double[] s = new double[n];
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (valid[i]) {
                s[i] = standardError(type, numerators[i], den[i]);
                z[i] = zScore(type, numerators[i], den[i], target, s[i]);
                usable.add(i);
            }
        }
        double[] trimmedZ = new double[n];
        boolean[] kept = trim(type, options.trimBy(), z, usable, trimmedZ);

        int m = 0;
        double sumZ2 = 0;
        double sumW = 0;
        double sumW2 = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                m++;
                sumZ2 += trimmedZ[i] * trimmedZ[i];
                double w = 1 / (s[i] * s[i]);
                sumW += w;
                sumW2 += w * w;
            }
        }
        double phi = m == 0 ? Double.NaN : sumZ2 / m;
        double tau2 = m == 0 || m * phi < m - 1 ? 0 : Math.max(0, (m * phi - (m - 1)) / (sumW - sumW2 / sumW));
        boolean overdispersed = tau2 > 0;

        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!valid[i]) {
                Limits none = new Limits(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
                units.add(
                        new Unit(Double.NaN, Double.NaN, false, none, none, none, Position.NO_DATA, Position.NO_DATA));
                continue;
            }
            double value = numerators[i] / den[i];
            Limits adjusted = adjustedLimits(type, den[i], target, tau2);
            Limits unadjusted = type == DataType.SR_SHMI || type == DataType.SR_CQC
                    ? poissonLimits(den[i], target)
                    : adjustedLimits(type, den[i], target, 0);
            Limits applied = overdispersed ? adjusted : unadjusted;
            units.add(new Unit(
                    value,
                    z[i],
                    kept[i],
                    adjusted,
                    unadjusted,
                    applied,
                    position(value, applied.lower95(), applied.upper95()),
                    position(value, applied.lower998(), applied.upper998())));
        }
        return new Result(target, phi, tau2, m, overdispersed, units);
    }

    private static Position position(double value, double lower, double upper) {
        if (value < lower) {
            return Position.BELOW;
        }
        return value > upper ? Position.ABOVE : Position.WITHIN;
    }

    /** Within-unit standard error on the transformed scale (FunnelPlotR transformed_zscore). */
    static double standardError(DataType type, double o, double d) {
        return switch (type) {
            case SR_SHMI -> 1 / Math.sqrt(d);
            case SR_CQC, PR -> 1 / (2 * Math.sqrt(d));
            case RC -> Math.sqrt(o / Math.pow(o + 0.5, 2) + d / Math.pow(d + 0.5, 2));
        };
    }

    /** Unadjusted z-score: (Y − target on the transformed scale) / s (FunnelPlotR transformed_zscore). */
    static double zScore(DataType type, double o, double d, double target, double s) {
        return switch (type) {
            case SR_SHMI -> Math.sqrt(d) * Math.log(o / d);
            case SR_CQC -> (Math.sqrt(o / d) - 1) / s;
            case PR -> (Math.asin(Math.sqrt(o / d)) - Math.asin(Math.sqrt(target))) / s;
            case RC -> (Math.log((o + 0.5) / (d + 0.5)) - Math.log(target)) / s;
        };
    }

    /**
     * SHMI truncation (NHS Digital): rank z (ties averaged), sp = floor(rank·k/(n+1)) with k = 1/trimBy, drop
     * sp ≤ 0 or sp ≥ k − 1. Other types: winsorise z to its trimBy and 1 − trimBy quantiles (R type 7).
     *
     * @param out receives the z-scores used for phi
     * @return which units are kept for phi
     */
    private static boolean[] trim(DataType type, double trimBy, double[] z, List<Integer> usable, double[] out) {
        boolean[] kept = new boolean[z.length];
        double[] zs = usable.stream().mapToDouble(i -> z[i]).toArray();
        if (type == DataType.SR_SHMI) {
            double k = 1 / trimBy;
            double[] ranks = Ranks.averageRanks(zs);
            for (int j = 0; j < zs.length; j++) {
                double sp = Math.floor(ranks[j] * k / (zs.length + 1));
                int i = usable.get(j);
                kept[i] = sp > 0 && sp < k - 1 && Double.isFinite(z[i]);
                out[i] = z[i];
            }
        } else {
            double lz = Ranks.quantileType7(zs, trimBy);
            double uz = Ranks.quantileType7(zs, 1 - trimBy);
            for (int i : usable) {
                out[i] = Math.min(Math.max(z[i], lz), uz);
                kept[i] = Double.isFinite(out[i]);
            }
        }
        return kept;
    }

    /**
     * Overdispersion-adjusted limits at denominator d (FunnelPlotR calculate_limits with draw_adjusted = TRUE). As in
     * FunnelPlotR, PR and RC limits use s = 1/(2√d) at the plotted denominator.
     */
    public static Limits adjustedLimits(DataType type, double d, double target, double tau2) {
        double z95 = ConfidenceIntervals.z(ConfidenceIntervals.CONFIDENCE_95);
        double z998 = ConfidenceIntervals.z(ConfidenceIntervals.CONFIDENCE_99_8);
        double sd = switch (type) {
            case SR_SHMI -> Math.sqrt(1 / d + tau2);
            case SR_CQC, PR, RC -> Math.sqrt(1 / (4 * d) + tau2);
        };
        return switch (type) {
            case SR_SHMI ->
                new Limits(Math.exp(-z95 * sd), Math.exp(z95 * sd), Math.exp(-z998 * sd), Math.exp(z998 * sd));
            case SR_CQC -> new Limits(1 - z95 * sd, 1 + z95 * sd, 1 - z998 * sd, 1 + z998 * sd);
            case RC ->
                new Limits(
                        Math.exp(Math.log(target) - z95 * sd),
                        Math.exp(Math.log(target) + z95 * sd),
                        Math.exp(Math.log(target) - z998 * sd),
                        Math.exp(Math.log(target) + z998 * sd));
            case PR ->
                new Limits(
                        proportionLimit(target, -z95 * sd),
                        proportionLimit(target, z95 * sd),
                        proportionLimit(target, -z998 * sd),
                        proportionLimit(target, z998 * sd));
        };
    }

    /** sin(asin(√target) + shift)², with the angle kept in [0, π/2] so the limits stay monotone in [0, 1]. */
    private static double proportionLimit(double target, double shift) {
        double angle = Math.min(Math.max(Math.asin(Math.sqrt(target)) + shift, 0), Math.PI / 2);
        return Math.pow(Math.sin(angle), 2);
    }

    /**
     * Unadjusted exact Poisson limits for a standardised ratio at expected count E (FunnelPlotR calculate_limits with
     * draw_adjusted = FALSE): target · qchisq(tail, 2E)/2/E for the lower and target · qchisq(1 − tail, 2(E+1))/2/E
     * for the upper limit.
     */
    public static Limits poissonLimits(double expected, double target) {
        double c95 = ConfidenceIntervals.CONFIDENCE_95;
        double c998 = ConfidenceIntervals.CONFIDENCE_99_8;
        double scale = target / expected;
        return new Limits(
                ConfidenceIntervals.exactPoissonLower(expected, c95) * scale,
                ConfidenceIntervals.exactPoissonUpper(expected, c95) * scale,
                ConfidenceIntervals.exactPoissonLower(expected, c998) * scale,
                ConfidenceIntervals.exactPoissonUpper(expected, c998) * scale);
    }
}
