package uk.lhs.common.evaluation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Another intervention recorded against the same organisation and indicator.
 *
 * @param id its identifier
 * @param start first month it was in place
 * @param end last month it was in place, or null if still running
 */
public record OtherIntervention(String id, LocalDate start, LocalDate end) {
    public OtherIntervention {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException(
                    "intervention " + id + " ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
