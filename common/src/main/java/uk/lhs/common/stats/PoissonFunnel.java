package uk.lhs.common.stats;

/**
 * The exact Poisson funnel inversion of PHEindicatormethods ({@code poisson_cis} and {@code poisson_funnel} in
 * R/utils.R, ported from the PHE Excel funnel-plot macro): the Poisson mean at which a given count sits at tail
 * probability p, found by bisection on v = mean / (mean + 1 + obs) to a step of 1e-7. Kept step for step so the
 * funnel tables reproduce PHE's to their printed precision (package-private).
 */
final class PoissonFunnel {
    /** The bisection stops once the step in v falls to this (PHE macro). */
    private static final double BISECTION_STEP = 1e-7;
    /** Relative size below which further Poisson terms are ignored (PHE macro). */
    private static final double SERIES_TOLERANCE = 1e-10;
    /** Rescaling threshold that keeps the unnormalised series finite (PHE macro). */
    private static final double RESCALE_ABOVE = 1e30;
    /** PHE passes this as "infinity" for the upper end of an upper tail. */
    private static final double UPPER_TAIL_END = 1e10;

    private PoissonFunnel() {}

    /** Which tail the count should be in. */
    enum Side {
        /** The mean below which obs or more is rarer than p: gives the upper limit of a ratio (PHE side "low"). */
        LOW,
        /** The mean above which obs or fewer is rarer than p: gives the lower limit of a ratio (PHE side "high"). */
        HIGH
    }

    /** P(xA ≤ K ≤ xB) for K ~ Poisson(z), by PHE's normalised series (poisson_cis). */
    static double probabilityBetween(double z, double xA, double xB) {
        double q = 1;
        double tot = 0;
        double s = 0;
        double k = 0;
        while (k <= z || q > tot * SERIES_TOLERANCE) {
            tot += q;
            if (k >= xA && k <= xB) {
                s += q;
            }
            if (tot > RESCALE_ABOVE) {
                s /= RESCALE_ABOVE;
                tot /= RESCALE_ABOVE;
                q /= RESCALE_ABOVE;
            }
            k++;
            q = q * z / k;
        }
        return s / tot;
    }

    /**
     * The Poisson mean at which {@code obs} is at tail probability {@code p} (poisson_funnel).
     *
     * @param obs observed events, a whole number ≥ 0 (≥ 1 for {@link Side#LOW})
     * @param p tail probability, e.g. 0.025 or 0.001
     */
    static double mean(double obs, double p, Side side) {
        double v = 0.5;
        double dv = 0.5;
        while (dv > BISECTION_STEP) {
            dv /= 2;
            double z = (1 + obs) * v / (1 - v);
            boolean down = side == Side.LOW
                    ? probabilityBetween(z, obs, UPPER_TAIL_END) > p
                    : probabilityBetween(z, 0, obs) < p;
            v = down ? v - dv : v + dv;
        }
        return (1 + obs) * v / (1 - v);
    }
}
