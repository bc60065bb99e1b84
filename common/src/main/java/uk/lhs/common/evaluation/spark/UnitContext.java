package uk.lhs.common.evaluation.spark;

import java.time.LocalDate;
import java.util.List;
import uk.lhs.common.evaluation.register.Intervention;

/**
 * Who and what one evaluated unit is: an intervention, an indicator and one exposed organisation.
 *
 * @param intervention the register entry
 * @param indicatorId indicator evaluated
 * @param orgLevel trust or system
 * @param orgCode exposed organisation
 * @param orgName its name, or null when unknown
 * @param unit the indicator's unit from gold.indicator_values (e.g. proportion), or null
 * @param comparatorCodes comparators with complete data that the controlled methods used
 * @param contextSeries code of the region or England series used for the secular-trend check, or null
 * @param runId the run writing the rows
 */
public record UnitContext(
        Intervention intervention,
        String indicatorId,
        String orgLevel,
        String orgCode,
        String orgName,
        String unit,
        List<String> comparatorCodes,
        String contextSeries,
        String runId) {
    public UnitContext {
        comparatorCodes = List.copyOf(comparatorCodes);
    }

    /** First month of the intervention at this organisation (a programme trust's own rollout start). */
    public LocalDate start() {
        return intervention.startAt(orgCode).atDay(1);
    }

    /** First month counted as after. */
    public LocalDate firstPostMonth() {
        return start().plusMonths(intervention.implementationMonths());
    }
}
