package uk.lhs.common.evaluation.register;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The interventions register as read from one file.
 *
 * @param entries the interventions in file order, ids unique
 * @param source where they were read from (for lineage and messages)
 */
public record InterventionRegister(List<Intervention> entries, String source) implements Serializable {
    private static final long serialVersionUID = 1L;

    public InterventionRegister {
        entries = List.copyOf(entries);
        Set<String> ids = new HashSet<>();
        for (Intervention i : entries) {
            if (!ids.add(i.id())) {
                throw new RegisterException(List.of("intervention " + i.id() + " appears more than once in " + source));
            }
        }
    }

    /** The entry with {@code id}. */
    public Optional<Intervention> byId(String id) {
        return entries.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
