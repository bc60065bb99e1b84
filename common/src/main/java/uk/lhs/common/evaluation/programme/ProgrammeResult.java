package uk.lhs.common.evaluation.programme;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import uk.lhs.common.evaluation.Attribution;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.staggered.StaggeredResult;

/**
 * One programme × indicator evaluation.
 *
 * @param input what was evaluated
 * @param result the staggered estimates, or null when the estimator could not be run
 * @param months calendar month of each period index (index 1 = the first month), empty when not run
 * @param cohorts each cohort's first post month with its trusts (trusts in the estimation only)
 * @param attribution the attribution level
 * @param reasons plain-English reasons for it
 * @param caveats caveats bearing on the programme
 * @param statement one plain-English sentence (association, not causation)
 */
public record ProgrammeResult(
        ProgrammeInput input,
        StaggeredResult result,
        List<YearMonth> months,
        Map<YearMonth, List<String>> cohorts,
        Attribution attribution,
        List<String> reasons,
        List<Caveat> caveats,
        String statement) {
    public ProgrammeResult {
        months = List.copyOf(months);
        cohorts = Map.copyOf(cohorts);
        reasons = List.copyOf(reasons);
        caveats = List.copyOf(caveats);
    }

    /** The calendar month of period index {@code period} (1-based). */
    public YearMonth month(int period) {
        return months.get(period - 1);
    }
}
