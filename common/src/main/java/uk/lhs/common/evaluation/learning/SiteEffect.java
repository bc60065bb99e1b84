package uk.lhs.common.evaluation.learning;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One organisation's estimated effect of one intervention on one indicator by one method (a method row of
 * gold.intervention_effects), with the intervention's type.
 *
 * @param interventionType the register's type (lower snake_case)
 * @param interventionId register id
 * @param indicatorId indicator
 * @param method its, did or synthetic_control
 * @param orgCode the trust
 * @param orgName its name, or null
 * @param estimate the estimated change (indicator units)
 * @param ciLower lower limit of its 95% interval
 * @param ciUpper upper limit
 * @param se its standard error ({@link #standardError})
 * @param start the intervention's first month
 * @param comparatorCodes comparators the controlled methods used for this site
 */
public record SiteEffect(
        String interventionType,
        String interventionId,
        String indicatorId,
        String method,
        String orgCode,
        String orgName,
        double estimate,
        double ciLower,
        double ciUpper,
        double se,
        LocalDate start,
        List<String> comparatorCodes) {
    /** The 97.5% point of the standard normal: a 95% interval is estimate ± 1.959964 SE. */
    public static final double Z_975 = 1.959964;

    public SiteEffect {
        Objects.requireNonNull(interventionType, "interventionType");
        Objects.requireNonNull(interventionId, "interventionId");
        Objects.requireNonNull(indicatorId, "indicatorId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(orgCode, "orgCode");
        Objects.requireNonNull(start, "start");
        comparatorCodes = List.copyOf(comparatorCodes);
        if (!Double.isFinite(estimate) || !(se > 0) || !Double.isFinite(se)) {
            throw new IllegalArgumentException(
                    "site " + orgCode + " of " + interventionId + ": estimate and a positive standard error needed");
        }
    }

    /**
     * The standard error of a site's estimate: the one the method recorded (detail {@code se}: the standard error its
     * interval was built from, so exact whatever the reference distribution), else, for a row without it, the
     * half-width of the 95% interval over 1.959964 (exact for a normal interval; for a Student t interval with few
     * degrees of freedom it overstates the SE slightly, which is conservative).
     *
     * @param recorded the recorded SE, or null / NaN when none
     * @return the SE, or NaN when neither a positive recorded SE nor a finite interval is available
     */
    public static double standardError(Double recorded, double ciLower, double ciUpper) {
        if (recorded != null && Double.isFinite(recorded) && recorded > 0) {
            return recorded;
        }
        double width = ciUpper - ciLower;
        return Double.isFinite(width) && width > 0 ? width / (2 * Z_975) : Double.NaN;
    }
}
