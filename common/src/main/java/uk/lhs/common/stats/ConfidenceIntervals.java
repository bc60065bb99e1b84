package uk.lhs.common.stats;

import uk.lhs.common.stats.Estimate.CiMethod;

/**
 * Confidence intervals for proportions, counts, rates and indirectly standardised ratios, as published by PHE/OHID
 * (PHEindicatormethods {@code R/utils.R}, {@code R/Proportions.R}, {@code R/Rates.R}, {@code R/ISRatio.R}) and NHS OF
 * 3b (readmissions ISR, Byar's method).
 *
 * <p>Confidence is a two-sided level in [0.9, 1), normally 0.95 or 0.998; z = qnorm(c + (1 - c)/2), i.e. 1.959964
 * and 3.090232 (the "1.96" and "3.09" of the NHS specifications).
 *
 * <p>Data rules (each returns {@link Estimate#noData}, never 0): a NaN input; a negative numerator; a denominator
 * (or expected count) that is zero or negative; for a proportion only, a numerator greater than its denominator. A
 * zero numerator is data: its value is 0 with a proper upper limit. An invalid confidence level is a programming
 * error and throws {@link IllegalArgumentException}.
 */
public final class ConfidenceIntervals {
    /** PHE uses the exact Poisson interval below this many events and Byar's approximation from it upwards. */
    public static final double EXACT_POISSON_BELOW = 10.0;

    /** The 95% level of PHE and NHS indicators. */
    public static final double CONFIDENCE_95 = 0.95;

    /** The 99.8% level of PHE and NHS indicators (about "3 sigma"). */
    public static final double CONFIDENCE_99_8 = 0.998;

    private static final double MIN_CONFIDENCE = 0.9;

    private ConfidenceIntervals() {}

    /**
     * z for a two-sided confidence level: qnorm(c + (1 - c)/2) (PHEindicatormethods utils.R).
     *
     * @param confidence level in [0.9, 1)
     * @return the standard normal quantile, e.g. 1.959964 for 0.95
     */
    public static double z(double confidence) {
        checkConfidence(confidence);
        return Quantiles.normal(confidence + (1.0 - confidence) / 2.0);
    }

    /**
     * Wilson score lower limit for x successes out of n: (2x + z² − z√(z² + 4x(1 − x/n))) / (2(n + z²)) (Wilson 1927;
     * Newcombe and Altman 2000, as PHE wilson_lower). x may be fractional (PHE's own test uses 0.445 of 1).
     *
     * @return the lower limit on the 0-1 scale; NaN when the inputs are not valid data
     */
    public static double wilsonLower(double x, double n, double confidence) {
        return wilson(x, n, confidence, -1.0);
    }

    /** Wilson score upper limit: as {@link #wilsonLower} with + before the square root. */
    public static double wilsonUpper(double x, double n, double confidence) {
        return wilson(x, n, confidence, 1.0);
    }

    private static double wilson(double x, double n, double confidence, double sign) {
        double z = z(confidence);
        if (proportionProblem(x, n) != null) {
            return Double.NaN;
        }
        double z2 = z * z;
        return (2.0 * x + z2 + sign * z * Math.sqrt(z2 + 4.0 * x * (1.0 - x / n))) / 2.0 / (n + z2);
    }

    /**
     * Byar's lower limit for an observed count x: x(1 − 1/(9x) − z/(3√x))³ (Breslow and Day 1987, as PHE
     * byars_lower).
     *
     * @return the lower limit of the count, or NaN when it would be negative (PHE returns NA) or x is not valid
     */
    public static double byarLower(double x, double confidence) {
        double z = z(confidence);
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        double lower = x * Math.pow(1.0 - 1.0 / (9.0 * x) - z / (3.0 * Math.sqrt(x)), 3);
        return lower < 0 ? Double.NaN : lower;
    }

    /** Byar's upper limit: (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³ (Breslow and Day 1987, as PHE byars_upper). */
    public static double byarUpper(double x, double confidence) {
        double z = z(confidence);
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        double x1 = x + 1.0;
        return x1 * Math.pow(1.0 - 1.0 / (9.0 * x1) + z / (3.0 * Math.sqrt(x1)), 3);
    }

    /**
     * Exact Poisson lower limit of a count: qchisq((1 − c)/2, 2x)/2 (Armitage and Berry; PHE Rates.R). 0 for x = 0.
     */
    public static double exactPoissonLower(double x, double confidence) {
        checkConfidence(confidence);
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        return Quantiles.chiSquare((1.0 - confidence) / 2.0, 2.0 * x) / 2.0;
    }

    /** Exact Poisson upper limit of a count: qchisq(c + (1 − c)/2, 2x + 2)/2 (PHE Rates.R). */
    public static double exactPoissonUpper(double x, double confidence) {
        checkConfidence(confidence);
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        return Quantiles.chiSquare(confidence + (1.0 - confidence) / 2.0, 2.0 * x + 2.0) / 2.0;
    }

    /**
     * A proportion x/n with its Wilson score interval (PHE phe_proportion).
     *
     * @param x numerator (successes), ≥ 0 and ≤ n
     * @param n denominator, > 0
     * @param confidence two-sided level, e.g. 0.95
     * @param multiplier 1 for a proportion, 100 for a percentage
     * @return value, limits and method WILSON; or no_data (NaN input, n ≤ 0, x &lt; 0, x &gt; n)
     */
    public static Estimate proportion(double x, double n, double confidence, double multiplier) {
        checkConfidence(confidence);
        String problem = proportionProblem(x, n);
        if (problem != null) {
            return Estimate.noData(confidence, problem);
        }
        return new Estimate(
                x / n * multiplier,
                wilsonLower(x, n, confidence) * multiplier,
                wilsonUpper(x, n, confidence) * multiplier,
                confidence,
                CiMethod.WILSON,
                "");
    }

    /**
     * The interval of a Poisson count by the PHE rule: exact below {@value #EXACT_POISSON_BELOW} events, Byar's
     * approximation from there up.
     *
     * @param x observed count, ≥ 0 (may be fractional, e.g. a weighted count)
     * @return value x with its limits; or no_data for NaN or negative x
     */
    public static Estimate count(double x, double confidence) {
        return scaledCount(x, 1.0, confidence, 1.0);
    }

    /**
     * A crude rate x/n × multiplier with the PHE count interval divided by n (PHE phe_rate). A numerator above the
     * denominator is allowed (e.g. admissions per resident).
     *
     * @param x event count, ≥ 0
     * @param n population or person-time, > 0
     * @param multiplier e.g. 100000 for a rate per 100,000
     * @return value, limits and method EXACT or BYAR; or no_data (NaN input, x &lt; 0, n ≤ 0)
     */
    public static Estimate rate(double x, double n, double confidence, double multiplier) {
        return scaledCount(x, n, confidence, multiplier);
    }

    /**
     * An indirectly standardised ratio O/E × multiplier with the PHE count interval of O divided by E (PHE
     * calculate_ISRatio; NHS OF 3b uses Byar's method with multiplier 100). For an ISR expressed as a rate, pass
     * multiplier = 100 × the reference rate λ.
     *
     * @param observed observed count O, ≥ 0
     * @param expected expected count E, > 0
     * @return value, limits and method EXACT (O &lt; 10) or BYAR; or no_data (NaN input, O &lt; 0, E ≤ 0)
     */
    public static Estimate ratio(double observed, double expected, double confidence, double multiplier) {
        return scaledCount(observed, expected, confidence, multiplier);
    }

    /**
     * An indirectly standardised ratio with Byar's interval whatever the count, as the NHS OF 3b readmissions
     * specification states (METHODOLOGY.md "30-day emergency readmissions").
     */
    public static Estimate ratioByar(double observed, double expected, double confidence, double multiplier) {
        checkConfidence(confidence);
        String problem = countProblem(observed, expected);
        if (problem != null) {
            return Estimate.noData(confidence, problem);
        }
        double scale = multiplier / expected;
        return new Estimate(
                observed * scale,
                byarLower(observed, confidence) * scale,
                byarUpper(observed, confidence) * scale,
                confidence,
                CiMethod.BYAR,
                "");
    }

    private static Estimate scaledCount(double x, double n, double confidence, double multiplier) {
        checkConfidence(confidence);
        String problem = countProblem(x, n);
        if (problem != null) {
            return Estimate.noData(confidence, problem);
        }
        double scale = multiplier / n;
        if (x < EXACT_POISSON_BELOW) {
            return new Estimate(
                    x * scale,
                    exactPoissonLower(x, confidence) * scale,
                    exactPoissonUpper(x, confidence) * scale,
                    confidence,
                    CiMethod.EXACT,
                    "");
        }
        return new Estimate(
                x * scale,
                byarLower(x, confidence) * scale,
                byarUpper(x, confidence) * scale,
                confidence,
                CiMethod.BYAR,
                "");
    }

    private static String countProblem(double x, double n) {
        if (Double.isNaN(x) || Double.isNaN(n)) {
            return "missing numerator or denominator";
        }
        if (x < 0) {
            return "negative numerator";
        }
        if (n <= 0) {
            return "zero or negative denominator";
        }
        return null;
    }

    private static String proportionProblem(double x, double n) {
        String problem = countProblem(x, n);
        if (problem == null && x > n) {
            return "numerator greater than denominator";
        }
        return problem;
    }

    static void checkConfidence(double confidence) {
        if (!(confidence >= MIN_CONFIDENCE && confidence < 1.0)) {
            throw new IllegalArgumentException(
                    "confidence must be a two-sided level in [0.9, 1), e.g. 0.95 or 0.998, but" + " was " + confidence
                            + "; pass 0.95 rather than 95");
        }
    }
}
