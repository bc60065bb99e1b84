package uk.lhs.common.evaluation.register;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.vocab.OrgLevel;

/**
 * Checks the register against the data: every scope and comparator code is a known organisation of the right level,
 * every indicator exists, and each start month leaves data on both sides (at least one month with data before it and
 * the first post month no later than the last month with data; for a programme, each rollout trust's start). Duplicate
 * ids and duplicate rollout trusts are caught when the register is read.
 */
public final class RegisterValidator {
    private RegisterValidator() {}

    /**
     * Lists the problems (empty when the register fits the data).
     *
     * @param register the register
     * @param data what the lakehouse holds
     * @return one sentence per problem, naming the entry
     */
    public static List<String> problems(InterventionRegister register, DataCoverage data) {
        List<String> out = new ArrayList<>();
        for (Intervention i : register.entries()) {
            String name = "intervention " + i.id();
            for (String t : i.scopeTrusts()) {
                String level = data.orgLevels().get(t);
                if (level == null) {
                    out.add(name + ": unknown trust " + t + " (not in silver.organisations)");
                } else if (!level.equals(OrgLevel.TRUST.label())) {
                    out.add(name + ": " + t + " is a " + level + ", not a trust; write 'system: " + t
                            + "' for a system");
                }
            }
            if (i.systemScope()
                    && !OrgLevel.SYSTEM.label().equals(data.orgLevels().get(i.scopeSystem()))) {
                out.add(name + ": unknown system " + i.scopeSystem() + " (not a system in silver.organisations)");
            }
            for (String c : i.comparatorCodes()) {
                if (!data.orgLevels().containsKey(c)) {
                    out.add(name + ": unknown comparator " + c + " (not in silver.organisations)");
                }
            }
            for (String ind : i.indicators()) {
                YearMonth[] range = data.indicatorMonths().get(ind);
                if (range == null) {
                    out.add(name + ": unknown indicator " + ind + " (no rows in gold.indicator_values)");
                    continue;
                }
                List<Intervention.RolloutStart> starts =
                        i.programme() ? i.rollout() : List.of(new Intervention.RolloutStart("", i.start()));
                for (Intervention.RolloutStart r : starts) {
                    YearMonth firstPost = r.start().plusMonths(i.implementationMonths());
                    if (!r.start().isAfter(range[0]) || firstPost.isAfter(range[1])) {
                        out.add(name + ": " + (i.programme() ? "rollout start of " + r.trust() + " " : "start ")
                                + r.start() + " (first post month " + firstPost
                                + ") is outside the data for "
                                + ind + " (" + range[0] + " to " + range[1]
                                + "); there must be data before the start and after the"
                                + " implementation period");
                    }
                }
            }
        }
        return out;
    }

    /** Throws a {@link RegisterException} listing every problem, if any. */
    public static void requireValid(InterventionRegister register, DataCoverage data) {
        List<String> p = problems(register, data);
        if (!p.isEmpty()) {
            throw new RegisterException(p);
        }
    }
}
