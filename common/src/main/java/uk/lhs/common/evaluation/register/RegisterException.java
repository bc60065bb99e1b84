package uk.lhs.common.evaluation.register;

import java.util.List;

/** The interventions register could not be read or does not fit the data; every problem names its entry. */
public final class RegisterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RegisterException(List<String> problems) {
        super(
                "the interventions register has " + problems.size() + " problem(s): " + String.join("; ", problems)
                        + ". Fix the register (conf/interventions.yaml, or interventions.yaml in the landing folder) and re-run.");
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence naming the entry. */
    public List<String> problems() {
        return problems;
    }
}
