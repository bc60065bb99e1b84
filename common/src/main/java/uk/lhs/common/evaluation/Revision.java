package uk.lhs.common.evaluation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A month of an evaluated series (the exposed organisation's, a programme trust's or an IMD quintile's) that a newer
 * vintage of NHS England's file changed ({@code gold.revisions}).
 *
 * @param periodStart first day of the revised month
 * @param change the largest absolute change of the value a revision made, in the indicator's units (NaN when the value
 *     appeared or disappeared)
 */
public record Revision(LocalDate periodStart, double change) {
    public Revision {
        Objects.requireNonNull(periodStart, "periodStart");
    }
}
