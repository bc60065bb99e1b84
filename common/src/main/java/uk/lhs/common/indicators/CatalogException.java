package uk.lhs.common.indicators;

import java.util.List;

/**
 * The indicator catalog is invalid. The message lists every problem found, each naming the file and entry, what is
 * wrong and how to fix it, so one start-up shows them all.
 */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super("the indicator catalog is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as one line: {@code file: entry 'id': what is wrong; how to fix it}. */
    public List<String> problems() {
        return problems;
    }
}
