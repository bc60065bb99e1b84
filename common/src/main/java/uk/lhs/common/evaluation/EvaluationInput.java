package uk.lhs.common.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * Everything needed to evaluate one intervention on one indicator for one organisation.
 *
 * @param exposed the exposed organisation's monthly series
 * @param comparators comparator organisations' series keyed by organisation code (may be empty)
 * @param region the region's or England's series for the same indicator (may be empty)
 * @param interventionStart first month the intervention was in place (first day of the month)
 * @param implementationMonths months from the start that belong to neither side (0 = none)
 * @param expectedDirection the direction the intervention is meant to move the indicator (not neutral)
 * @param improvementDirection the direction in which the indicator gets better (not neutral: a neutral indicator takes
 *     the expected direction)
 * @param otherInterventions other interventions on the same organisation and indicator
 * @param orgChanged whether the organisation merged or changed boundary within the window
 * @param options tuning
 * @param revisions months of the exposed series that a newer vintage of the source file changed (may be empty)
 */
public record EvaluationInput(
        List<MonthlyValue> exposed,
        Map<String, List<MonthlyValue>> comparators,
        List<MonthlyValue> region,
        LocalDate interventionStart,
        int implementationMonths,
        ImprovementDirection expectedDirection,
        ImprovementDirection improvementDirection,
        List<OtherIntervention> otherInterventions,
        boolean orgChanged,
        EvaluationOptions options,
        List<Revision> revisions) {
    /** An input without revisions. */
    public EvaluationInput(
            List<MonthlyValue> exposed,
            Map<String, List<MonthlyValue>> comparators,
            List<MonthlyValue> region,
            LocalDate interventionStart,
            int implementationMonths,
            ImprovementDirection expectedDirection,
            ImprovementDirection improvementDirection,
            List<OtherIntervention> otherInterventions,
            boolean orgChanged,
            EvaluationOptions options) {
        this(
                exposed,
                comparators,
                region,
                interventionStart,
                implementationMonths,
                expectedDirection,
                improvementDirection,
                otherInterventions,
                orgChanged,
                options,
                List.of());
    }

    public EvaluationInput {
        exposed = List.copyOf(Objects.requireNonNull(exposed, "exposed"));
        comparators = Map.copyOf(comparators == null ? Map.of() : comparators);
        region = region == null ? List.of() : List.copyOf(region);
        Objects.requireNonNull(interventionStart, "interventionStart");
        if (interventionStart.getDayOfMonth() != 1) {
            throw new IllegalArgumentException(
                    "interventionStart must be the first day of a month, got " + interventionStart);
        }
        if (implementationMonths < 0) {
            throw new IllegalArgumentException("implementationMonths must be >= 0, got " + implementationMonths);
        }
        // Both take part in signs (ImprovementDirection.sign()): a neutral indicator is resolved by the caller first.
        if (Objects.requireNonNull(expectedDirection, "expectedDirection") == ImprovementDirection.NEUTRAL
                || Objects.requireNonNull(improvementDirection, "improvementDirection")
                        == ImprovementDirection.NEUTRAL) {
            throw new IllegalArgumentException(
                    "expectedDirection and improvementDirection must be increase or decrease;"
                            + " give a neutral indicator the intervention's expected direction");
        }
        otherInterventions = otherInterventions == null ? List.of() : List.copyOf(otherInterventions);
        options = options == null ? EvaluationOptions.defaults() : options;
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
    }

    /** First month counted as post-intervention: the start plus the implementation period. */
    public LocalDate firstPostMonth() {
        return interventionStart.plusMonths(implementationMonths);
    }
}
