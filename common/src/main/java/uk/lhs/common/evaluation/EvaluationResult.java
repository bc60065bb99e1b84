package uk.lhs.common.evaluation;

import java.util.List;

/**
 * The evaluation of one intervention × indicator × organisation.
 *
 * @param rows one row per method in {@link Method} order (pre_post, spc, its, did, synthetic_control) plus the
 *     summary row last; a method the data did not allow has NaN figures and {@code available = 0}
 * @param attribution the attribution level (also on the summary row)
 * @param reasons plain-English reasons for the attribution level, in the order the rule applied them
 * @param caveats every caveat raised for the unit
 * @param evidence the typed results of each method (for callers needing more than the rows)
 */
public record EvaluationResult(
        List<MethodResult> rows,
        Attribution attribution,
        List<String> reasons,
        List<Caveat> caveats,
        Evidence evidence) {
    public EvaluationResult {
        rows = List.copyOf(rows);
        reasons = List.copyOf(reasons);
        caveats = List.copyOf(caveats);
    }

    /** The row of {@code method}. */
    public MethodResult row(Method method) {
        return rows.stream().filter(r -> r.method() == method).findFirst().orElseThrow();
    }

    /** Whether a caveat with {@code code} was raised. */
    public boolean hasCaveat(CaveatCode code) {
        return caveats.stream().anyMatch(c -> c.code() == code);
    }
}
