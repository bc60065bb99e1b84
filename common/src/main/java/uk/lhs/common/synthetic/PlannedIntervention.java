package uk.lhs.common.synthetic;

import java.time.YearMonth;
import java.util.List;

/**
 * One entry of the synthetic interventions register ({@code interventions.yaml}) as the generator plans it; the
 * pipeline reads the written file back as {@code evaluation.register.Intervention}.
 *
 * @param id register id, e.g. {@code INT-001}
 * @param title short title
 * @param scopeTrusts trust codes in scope (empty when the scope is a system)
 * @param scopeSystem ICB code in scope, or null when the scope is a list of trusts
 * @param indicators indicator ids the intervention aims to move
 * @param start first month of implementation
 * @param implementationMonths months over which the effect ramps up linearly to its full size
 * @param expectedDirection {@code increase} or {@code decrease}
 * @param comparatorMode {@code auto} or {@code same_region}, or null when {@link #comparatorCodes} lists them
 * @param comparatorCodes explicit comparator trust codes (empty unless {@code comparatorMode} is null)
 * @param notes free text
 * @param type intervention type written as {@code type:}, or null for none
 */
record PlannedIntervention(
        String id,
        String title,
        List<String> scopeTrusts,
        String scopeSystem,
        List<String> indicators,
        YearMonth start,
        int implementationMonths,
        String expectedDirection,
        String comparatorMode,
        List<String> comparatorCodes,
        String notes,
        String type) {

    /** Indicator ids known to the register. */
    static final List<String> INDICATORS =
            List.of("ae_4hr_all", "ae_4hr_type1", "rtt_18wk", "rtt_52wk", "readmit_30d", "los_mean");
    /** Scenario labels of {@code truth/intervention_effects.csv}. */
    static final List<String> SCENARIOS = List.of("effect", "null", "rtm", "concurrent", "secular", "learning");

    /** An entry without a type. */
    PlannedIntervention(
            String id,
            String title,
            List<String> scopeTrusts,
            String scopeSystem,
            List<String> indicators,
            YearMonth start,
            int implementationMonths,
            String expectedDirection,
            String comparatorMode,
            List<String> comparatorCodes,
            String notes) {
        this(
                id,
                title,
                scopeTrusts,
                scopeSystem,
                indicators,
                start,
                implementationMonths,
                expectedDirection,
                comparatorMode,
                comparatorCodes,
                notes,
                null);
    }

    PlannedIntervention {
        scopeTrusts = List.copyOf(scopeTrusts);
        indicators = List.copyOf(indicators);
        comparatorCodes = List.copyOf(comparatorCodes);
        if ((scopeSystem == null) == scopeTrusts.isEmpty()) {
            throw new IllegalArgumentException(id + ": scope must be either trusts or one system");
        }
        if (!INDICATORS.containsAll(indicators)) {
            throw new IllegalArgumentException(id + ": unknown indicator in " + indicators);
        }
    }

    /**
     * One row of {@code truth/intervention_effects.csv}: the level shift injected by this intervention for one
     * organisation and indicator, in the indicator's units (proportions as fractions, length of stay in days).
     */
    record TrueEffect(String interventionId, String orgCode, String indicatorId, double trueEffect, String scenario) {}
}
