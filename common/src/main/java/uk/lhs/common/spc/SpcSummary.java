package uk.lhs.common.spc;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Series-level summary.
 *
 * @param seriesId the series name
 * @param variationIcon from the last non-missing point
 * @param assuranceIcon target vs the last point's limits
 * @param points number of points (missing ones included)
 * @param lastSpecialCauseDate date of the last flagged point, or null
 * @param warnings human-readable caveats (short baselines, empty phases ...), empty if none
 * @param runs the Anhøj runs analysis of each phase, in phase order
 */
public record SpcSummary(
        String seriesId,
        VariationIcon variationIcon,
        AssuranceIcon assuranceIcon,
        int points,
        LocalDate lastSpecialCauseDate,
        List<String> warnings,
        List<RunAnalysis> runs)
        implements Serializable {

    /** Copies the lists. */
    public SpcSummary {
        warnings = List.copyOf(warnings);
        runs = List.copyOf(runs);
    }
}
