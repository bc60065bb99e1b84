package uk.lhs.common.evaluation.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ImprovementDirection;

class RegisterYamlTest {
    private static String resource(String name) throws IOException {
        try (var in = RegisterYamlTest.class.getResourceAsStream("/interventions/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheGeneratorsRegisterExactly() throws IOException {
        InterventionRegister r = RegisterYaml.parse(resource("generated-interventions.yaml"), "generated.yaml");
        assertEquals(10, r.entries().size());
        Intervention first = r.entries().get(0);
        assertEquals("INT-001", first.id());
        assertEquals("Rapid assessment and treatment in the emergency department", first.title());
        assertEquals(List.of("ZG3"), first.scopeTrusts());
        assertNull(first.scopeSystem());
        assertEquals(List.of("ae_4hr_type1", "ae_4hr_all"), first.indicators());
        assertEquals(YearMonth.of(2024, 4), first.start());
        assertEquals(3, first.implementationMonths());
        assertEquals(ImprovementDirection.INCREASE, first.expectedDirection());
        assertEquals(ComparatorMode.AUTO, first.comparatorMode());
        assertEquals(ComparatorMode.SAME_REGION, r.byId("INT-002").orElseThrow().comparatorMode());
        Intervention explicit = r.byId("INT-006").orElseThrow();
        assertEquals(ComparatorMode.EXPLICIT, explicit.comparatorMode());
        assertEquals(List.of("ZA0", "ZA7", "ZB4"), explicit.comparatorCodes());
        assertEquals(ImprovementDirection.DECREASE, explicit.expectedDirection());
        Intervention system = r.byId("INT-009").orElseThrow();
        assertTrue(system.systemScope());
        assertEquals("Q1E", system.scopeSystem());
        assertEquals(
                "Overlaps INT-004 on the same trust.",
                r.byId("INT-005").orElseThrow().notes());
    }

    @Test
    void theShippedDefaultRegisterIsAnEmptyList() throws IOException {
        Path conf = Path.of("..", "conf", "interventions.yaml");
        InterventionRegister r = RegisterYaml.parse(Files.readString(conf), conf.toString());
        assertTrue(r.entries().isEmpty());
        assertTrue(RegisterYaml.parse("[]\n", "x").entries().isEmpty());
    }

    @Test
    void anEmptyOrCommentOnlyFileIsAnErrorNotAnEmptyRegister() {
        for (String text : List.of("", "\n", "# only a comment\n", "---\n")) {
            RegisterException e =
                    assertThrows(RegisterException.class, () -> RegisterYaml.parse(text, "landing/interventions.yaml"));
            assertTrue(e.getMessage().contains("landing/interventions.yaml is empty"), e.getMessage());
            assertTrue(e.getMessage().contains("[]"), e.getMessage());
        }
    }

    @Test
    void optionalKeysDefault() {
        InterventionRegister r = RegisterYaml.parse("""
        - id: A
          scope: {system: Q01}
          indicators: [x]
          start: 2024-04-01
          expected_direction: decrease
        """, "t");
        Intervention a = r.entries().get(0);
        assertEquals(0, a.implementationMonths());
        assertEquals(ComparatorMode.AUTO, a.comparatorMode());
        assertEquals(YearMonth.of(2024, 4), a.start());
        assertEquals("", a.notes());
    }

    @Test
    void duplicateIdsAreRejectedNamingTheEntry() {
        RegisterException e = assertThrows(RegisterException.class, () -> RegisterYaml.parse("""
        - {id: A, scope: {trusts: [T1]}, indicators: [x], start: "2024-04", expected_direction: increase}
        - {id: A, scope: {trusts: [T2]}, indicators: [x], start: "2024-05", expected_direction: increase}
        """, "t"));
        assertEquals(List.of("intervention A: duplicate id (ids must be unique in the register)"), e.problems());
    }

    @Test
    void everyProblemIsReportedWithItsEntry() {
        RegisterException e = assertThrows(RegisterException.class, () -> RegisterYaml.parse("""
        - id: B
          scope: {trusts: [T1], system: Q1}
          indicators: []
          start: "April 2024"
          implementation_months: -1
          expected_direction: up
          comparators: nearest
          colour: red
        - title: no id
          scope: {trusts: [T1]}
          indicators: [x]
          start: "2024-04"
          expected_direction: increase
        """, "t"));
        List<String> p = e.problems();
        assertTrue(
                p.stream()
                        .anyMatch(m -> m.startsWith("intervention B: unknown key 'colour' (known: comparators,"
                                        + " expected_direction, id, implementation_months, indicators, notes, rollout, scope,"
                                        + " start, title")
                                && m.contains(" type")),
                p.toString());
        assertTrue(p.contains("intervention B: scope must give either 'trusts: [codes]' or 'system: code'"));
        assertTrue(p.contains("intervention B: indicators must list at least one indicator id"));
        assertTrue(p.contains("intervention B: start 'April 2024' is not a month like 2024-04"));
        assertTrue(p.contains("intervention B: implementation_months must be a whole number >= 0, got '-1'"));
        assertTrue(p.contains("intervention B: expected_direction must be increase or decrease, got 'up'"));
        assertTrue(
                p.contains("intervention B: comparators must be auto, same_region or a list of codes, got 'nearest'"));
        assertTrue(p.contains("entry 2: id is missing"), p.toString());
        assertTrue(e.getMessage().contains("Fix the register"));
    }

    @Test
    void theTypeIsOptionalFreeTextStoredAsLowerSnakeCase() {
        InterventionRegister r = RegisterYaml.parse("""
        - {id: A, scope: {trusts: [T1]}, indicators: [x], start: "2024-04", expected_direction: increase,
           type: " Same-day Emergency  Care "}
        - {id: B, scope: {trusts: [T2]}, indicators: [x], start: "2024-04", expected_direction: increase,
           type: virtual_ward}
        - {id: C, scope: {trusts: [T3]}, indicators: [x], start: "2024-04", expected_direction: increase}
        - {id: D, scope: {trusts: [T4]}, indicators: [x], start: "2024-04", expected_direction: increase, type: null}
        """, "t");
        assertEquals("same_day_emergency_care", r.byId("A").orElseThrow().type());
        assertEquals("virtual_ward", r.byId("B").orElseThrow().type());
        assertNull(r.byId("C").orElseThrow().type());
        assertNull(r.byId("D").orElseThrow().type());
        assertEquals("discharge_to_assess", Intervention.normaliseType("Discharge-to-Assess"));
        assertEquals("patient_initiated_follow_up", Intervention.normaliseType("__Patient initiated follow-up!__"));
        assertNull(Intervention.normaliseType("  - "));
        // A type survives when the stage drops indicators that have no data.
        assertEquals(
                "virtual_ward",
                r.byId("B").orElseThrow().withIndicators(List.of("y")).type());
    }

    @Test
    void aTypeWithoutLettersOrDigitsIsRejected() {
        RegisterException e = assertThrows(RegisterException.class, () -> RegisterYaml.parse("""
        - {id: A, scope: {trusts: [T1]}, indicators: [x], start: "2024-04", expected_direction: increase, type: "--"}
        - {id: B, scope: {trusts: [T1]}, indicators: [x], start: "2024-04", expected_direction: increase, type: [a]}
        """, "t"));
        assertEquals(
                List.of(
                        "intervention A: type must be text with letters or digits, e.g. 'type: virtual_ward', got '--'",
                        "intervention B: type must be text with letters or digits, e.g. 'type: virtual_ward', got ''"),
                e.problems());
    }

    @Test
    void notAListIsRejected() {
        RegisterException e =
                assertThrows(RegisterException.class, () -> RegisterYaml.parse("id: A\ntitle: x\n", "reg.yaml"));
        assertTrue(e.problems().get(0).startsWith("reg.yaml must be a YAML list"));
    }

    @Test
    void aProgrammeReadsItsRolloutAndEachTrustKeepsItsOwnStart() {
        InterventionRegister r = RegisterYaml.parse("""
                - id: PRG-1
                  title: "Spread"
                  rollout:
                    - {trust: T2, start: "2024-04"}
                    - {trust: T1, start: "2023-10-01"}
                  indicators: [ind]
                  implementation_months: 1
                  expected_direction: increase
                """, "t");
        Intervention p = r.entries().get(0);
        assertTrue(p.programme());
        assertEquals(
                List.of(
                        new Intervention.RolloutStart("T2", YearMonth.of(2024, 4)),
                        new Intervention.RolloutStart("T1", YearMonth.of(2023, 10))),
                p.rollout());
        assertEquals(List.of("T2", "T1"), p.scopeTrusts());
        assertEquals(YearMonth.of(2023, 10), p.start());
        assertEquals(YearMonth.of(2024, 4), p.startAt("T2"));
        assertEquals(YearMonth.of(2023, 10), p.startAt("T1"));
        assertEquals(YearMonth.of(2023, 10), p.startAt("OTHER"));
        assertEquals(
                List.of(),
                RegisterYaml.parse(
                                "- {id: A, scope: {trusts: [T1]}, indicators: [i], start: \"2024-04\","
                                        + " expected_direction: increase}",
                                "t")
                        .entries()
                        .get(0)
                        .rollout());
    }

    @Test
    void rolloutProblemsNameTheEntry() {
        RegisterException e = assertThrows(RegisterException.class, () -> RegisterYaml.parse("""
                - id: P1
                  rollout: [{trust: T1, start: "2024-04"}, {trust: T1, start: "2024-06"}, {trust: T3, start: "04/24"},
                            {trust: T4}]
                  indicators: [ind]
                  expected_direction: increase
                - id: P2
                  rollout: [{trust: T1, start: "2024-04"}]
                  scope: {trusts: [T1]}
                  start: "2024-04"
                  indicators: [ind]
                  expected_direction: increase
                - id: P3
                  rollout: []
                  indicators: [ind]
                  expected_direction: increase
                """, "t"));
        assertEquals(
                List.of(
                        "P1: rollout lists trust T1 twice (one start per trust)",
                        "P1: rollout start of T3 '04/24' is not a month like 2024-04",
                        "P1: rollout element 4 must be {trust: CODE, start: \"YYYY-MM\"}",
                        "P2: a programme gives 'rollout' instead of 'scope' and 'start'; remove them",
                        "P3: rollout must be a non-empty list like [{trust: RAA, start: \"2024-04\"}, ...]"),
                e.problems().stream().map(m -> m.replace("intervention ", "")).toList());
    }
}
