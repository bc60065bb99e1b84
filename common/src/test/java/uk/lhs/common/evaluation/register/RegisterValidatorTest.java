package uk.lhs.common.evaluation.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterValidatorTest {
    private static final DataCoverage DATA = new DataCoverage(
            Map.of("T1", "trust", "T2", "trust", "S1", "system", "R1", "region"),
            Map.of("ind", new YearMonth[] {YearMonth.of(2022, 4), YearMonth.of(2025, 3)}));

    private static InterventionRegister register(String yaml) {
        return RegisterYaml.parse(yaml, "t");
    }

    @Test
    void aRegisterThatFitsTheDataPasses() {
        InterventionRegister r = register("""
        - {id: A, scope: {trusts: [T1]}, indicators: [ind], start: "2022-05", expected_direction: increase,
           comparators: [T2]}
        - {id: B, scope: {system: S1}, indicators: [ind], start: "2025-01", implementation_months: 2,
           expected_direction: decrease}
        """);
        assertEquals(List.of(), RegisterValidator.problems(r, DATA));
    }

    @Test
    void unknownOrganisationsAndIndicatorsAreNamed() {
        InterventionRegister r = register("""
        - {id: A, scope: {trusts: [T9, S1]}, indicators: [ind, nope], start: "2024-04",
           expected_direction: increase, comparators: [X1]}
        - {id: B, scope: {system: T1}, indicators: [ind], start: "2024-04", expected_direction: increase}
        """);
        assertEquals(
                List.of(
                        "intervention A: unknown trust T9 (not in silver.organisations)",
                        "intervention A: S1 is a system, not a trust; write 'system: S1' for a system",
                        "intervention A: unknown comparator X1 (not in silver.organisations)",
                        "intervention A: unknown indicator nope (no rows in gold.indicator_values)",
                        "intervention B: unknown system T1 (not a system in silver.organisations)"),
                RegisterValidator.problems(r, DATA));
    }

    @Test
    void aStartWithoutDataOnBothSidesIsRejected() {
        InterventionRegister r = register("""
        - {id: EARLY, scope: {trusts: [T1]}, indicators: [ind], start: "2022-04", expected_direction: increase}
        - {id: LATE, scope: {trusts: [T1]}, indicators: [ind], start: "2025-02", implementation_months: 2,
           expected_direction: increase}
        - {id: EDGE, scope: {trusts: [T1]}, indicators: [ind], start: "2025-02", implementation_months: 1,
           expected_direction: increase}
        """);
        List<String> p = RegisterValidator.problems(r, DATA);
        assertEquals(2, p.size(), p.toString());
        assertEquals(
                "intervention EARLY: start 2022-04 (first post month 2022-04) is outside the data for ind (2022-04"
                        + " to 2025-03); there must be data before the start and after the implementation period",
                p.get(0));
        assertEquals(true, p.get(1).startsWith("intervention LATE: start 2025-02 (first post month 2025-04)"));
        assertThrows(RegisterException.class, () -> RegisterValidator.requireValid(r, DATA));
    }

    @Test
    void aProgrammeIsCheckedTrustByTrustWithItsOwnStart() {
        InterventionRegister r = register("""
        - {id: P, rollout: [{trust: T1, start: "2022-04"}, {trust: T2, start: "2024-04"}, {trust: T9, start: "2024-06"},
           {trust: S1, start: "2025-03"}], indicators: [ind], implementation_months: 1, expected_direction: increase}
        """);
        assertEquals(
                List.of(
                        "intervention P: unknown trust T9 (not in silver.organisations)",
                        "intervention P: S1 is a system, not a trust; write 'system: S1' for a system",
                        "intervention P: rollout start of T1 2022-04 (first post month 2022-05) is outside the data for"
                                + " ind (2022-04 to 2025-03); there must be data before the start and after the"
                                + " implementation period",
                        "intervention P: rollout start of S1 2025-03 (first post month 2025-04) is outside the data for"
                                + " ind (2022-04 to 2025-03); there must be data before the start and after the"
                                + " implementation period"),
                RegisterValidator.problems(r, DATA));
    }
}
