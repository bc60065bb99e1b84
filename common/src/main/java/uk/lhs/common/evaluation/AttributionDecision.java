package uk.lhs.common.evaluation;

import java.util.List;

/**
 * An attribution level with its reasons.
 *
 * @param attribution the level on the ordinal scale
 * @param reasons plain-English reasons, in the order the rule applied them
 */
public record AttributionDecision(Attribution attribution, List<String> reasons) {
    public AttributionDecision {
        reasons = List.copyOf(reasons);
    }
}
