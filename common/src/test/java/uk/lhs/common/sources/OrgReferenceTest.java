package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;

/** The shipped reference in conf/reference and successor roll-up. */
class OrgReferenceTest {

    private static OrgReference withSuccessors(String successors) {
        OrgReference base = OrgReference.load(SharedData.repoRoot().resolve("conf/reference"));
        assertTrue(base.all().size() > 200);
        ParseResult<Organisation> etr = OrgReferenceParser.parseOdsEtr(
                RawCsv.read(SharedData.repoRoot().resolve("conf/reference/ods_etr.csv")));
        ParseResult<Organisation> map = OrgReferenceParser.parseSystemMapping(
                RawCsv.read(SharedData.repoRoot().resolve("conf/reference/System-Mapping_trust_to_ICB.csv")));
        ParseResult<OrgSuccessor> succ = OrgReferenceParser.parseSuccessors(
                RawCsv.parse("org_successors.csv", successors.getBytes(StandardCharsets.UTF_8)));
        return OrgReference.of(etr, map, succ);
    }

    @Test
    void shippedDefaultsLoadWithTheirDocumentedSuccessors() {
        OrgReference ref = OrgReference.load(SharedData.repoRoot().resolve("conf/reference"));
        assertEquals(List.of(), ref.notes());
        assertEquals(1, ref.quarantine().size(), "the repeated NNFA7 row of the System-Mapping");
        assertEquals("RAP", ref.currentCode("RAP", LocalDate.of(2024, 12, 31)));
        assertEquals("RAL", ref.currentCode("RAP", LocalDate.of(2025, 1, 1)));
        assertEquals("RAL", ref.lookup("RAP").orElseThrow().successorCode());
        // Every shipped link runs from a trust the ODS file closes the day before the link takes effect.
        for (Organisation o : ref.all()) {
            if (o.successorCode() != null) {
                assertTrue(ref.lookup(o.successorCode()).isPresent(), o.code());
                LocalDate effective = LocalDate.of(2000, 1, 1);
                while (ref.currentCode(o.code(), effective).equals(o.code())) {
                    effective = effective.plusDays(1);
                }
                assertEquals(o.closeDate().plusDays(1), effective, o.code());
            }
        }
        assertEquals(
                4, ref.all().stream().filter(o -> o.successorCode() != null).count());
        assertEquals("QMJ", ref.lookup("RAN").orElseThrow().parentSystemCode(), "System-Mapping attribution wins");
        assertEquals("NTV0B", ref.lookup("NTV0B").orElseThrow().code());
    }

    @Test
    void successorChainsRollUpFromTheirEffectiveDate() {
        // Hypothetical links for the test only: A -> B on 2024-10-01, B -> C on 2025-01-01.
        OrgReference ref = withSuccessors(
                "old_code,new_code,effective_date\nRAP,RAL,2024-10-01\nRAL,RRV,2025-01-01\nZZZ1,RAL,2024-01-01\n");
        assertEquals("RAP", ref.currentCode("RAP", LocalDate.of(2024, 9, 30)));
        assertEquals("RAL", ref.currentCode("RAP", LocalDate.of(2024, 10, 1)));
        assertEquals("RRV", ref.currentCode("RAP", LocalDate.of(2025, 1, 1)));
        assertEquals("RAL", ref.lookup("RAP").orElseThrow().successorCode());
        assertEquals("UNKNOWN", ref.currentCode("UNKNOWN", LocalDate.of(2025, 1, 1)));
        assertEquals(List.of("successor row 4: predecessor ZZZ1 not in the reference"), ref.notes());
    }

    @Test
    void successorCyclesAreDetected() {
        OrgReference ref = withSuccessors("old_code,new_code,effective_date\nRAP,RAL,2024-10-01\nRAL,RAP,2024-10-01\n");
        assertThrows(IllegalStateException.class, () -> ref.currentCode("RAP", LocalDate.of(2025, 1, 1)));
    }
}
