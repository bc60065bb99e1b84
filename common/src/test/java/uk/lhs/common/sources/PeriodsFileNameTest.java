package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A month taken from a file name is taken only when the name holds exactly one {@code yyyy-MM} (issue #18). */
class PeriodsFileNameTest {
    private static final String WHAT = "RTT Incomplete-Provider files";
    private static final String EXAMPLE = "RTT-Incomplete-Provider-2024-06.csv";

    @Test
    void oneMonthInTheNameIsTheFilesMonth() {
        assertEquals(
                LocalDate.of(2024, 6, 1),
                Periods.requireFromFileName("RTT-Incomplete-Provider-2024-06.csv", WHAT, EXAMPLE));
        assertEquals(Optional.of(LocalDate.of(2023, 4, 1)), Periods.fromFileName("AE-ICB-2023-04 (final).csv"));
    }

    @Test
    void twoMonthsInTheNameAreRejectedNamingTheFileAndThePattern() {
        String name = "RTT-Incomplete-Provider-2024-06-copy-of-2024-05.csv";
        SourceFileException e =
                assertThrows(SourceFileException.class, () -> Periods.requireFromFileName(name, WHAT, EXAMPLE));
        assertTrue(e.getMessage().startsWith(name + ": ambiguous reporting period"), e.getMessage());
        assertTrue(e.getMessage().contains("[2024-06, 2024-05]"), e.getMessage());
        assertTrue(e.getMessage().contains("RTT-Incomplete-Provider-YYYY-MM.csv"), e.getMessage());
        assertEquals(Optional.empty(), Periods.fromFileName(name));
    }

    @Test
    void noMonthOrANumberThatOnlyContainsOneIsRejected() {
        SourceFileException e = assertThrows(
                SourceFileException.class,
                () -> Periods.requireFromFileName("RTT-Incomplete-Provider-June.csv", WHAT, EXAMPLE));
        assertTrue(e.getMessage().contains("no yyyy-MM"), e.getMessage());
        assertTrue(e.getMessage().contains("RTT-Incomplete-Provider-YYYY-MM.csv"), e.getMessage());
        // 12024-061 is not a month: digits either side are part of a longer number.
        assertEquals(Optional.empty(), Periods.fromFileName("extract-12024-061.csv"));
        assertEquals(Optional.empty(), Periods.fromFileName("RTT-Incomplete-Provider-2024-13.csv"));
    }
}
