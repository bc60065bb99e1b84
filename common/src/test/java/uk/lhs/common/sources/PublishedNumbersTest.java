package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Number and period spellings of the publications. */
class PublishedNumbersTest {

    @Test
    void countsAsPublished() throws PublishedNumbers.Bad {
        assertEquals(3035, PublishedNumbers.count("3,035", true));
        assertEquals(1234567, PublishedNumbers.count("1,234,567", false));
        assertEquals(0, PublishedNumbers.count("-", true));
        assertEquals(42, PublishedNumbers.count(" 42 ", false));
    }

    @Test
    void badCountsSayWhy() {
        assertEquals(
                "empty count",
                assertThrows(PublishedNumbers.Bad.class, () -> PublishedNumbers.count("", false))
                        .getMessage());
        assertEquals(
                "not a whole non-negative count '-'",
                assertThrows(PublishedNumbers.Bad.class, () -> PublishedNumbers.count("-", false))
                        .getMessage());
        assertEquals(
                "negative count '-3'",
                assertThrows(PublishedNumbers.Bad.class, () -> PublishedNumbers.count("-3", true))
                        .getMessage());
        for (String s : new String[] {"1,23", "12,3456", ",123", "123,", "1.5", "1e3", "12a"}) {
            assertThrows(PublishedNumbers.Bad.class, () -> PublishedNumbers.count(s, true), s);
        }
        assertEquals(
                "count out of range '99999999999999999999'",
                assertThrows(PublishedNumbers.Bad.class, () -> PublishedNumbers.count("99999999999999999999", false))
                        .getMessage());
    }

    @Test
    void percentagesAndDecimals() throws PublishedNumbers.Bad {
        assertEquals(0.515, PublishedNumbers.percentOrNull("51.50%"), 1e-12);
        assertNull(PublishedNumbers.percentOrNull("-"));
        assertEquals(52.1, PublishedNumbers.decimalOrNull("52.1"), 1e-12);
        assertThrows(PublishedNumbers.Bad.class, () -> PublishedNumbers.percentOrNull("101.00%"));
        assertThrows(PublishedNumbers.Bad.class, () -> PublishedNumbers.decimalOrNull("-1.5"));
    }

    @Test
    void periods() {
        assertEquals(Optional.of(LocalDate.of(2024, 4, 1)), Periods.monthStart("MSitAE", "MSitAE-APRIL-2024"));
        assertEquals(Optional.of(LocalDate.of(2024, 6, 1)), Periods.monthStart("RTT", "RTT-June-2024"));
        assertEquals(Optional.empty(), Periods.monthStart("MSitAE", "RTT-June-2024"));
        assertEquals(Optional.empty(), Periods.monthStart("MSitAE", "MSitAE-APRILL-2024"));
        assertEquals(Optional.empty(), Periods.monthStart("MSitAE", "MSitAE-APRIL-1024"));
        assertEquals(
                Optional.of(LocalDate.of(2024, 9, 1)), Periods.fromFileName("RTT-Incomplete-Provider-2024-09.csv"));
        assertEquals(Optional.empty(), Periods.fromFileName("RTT-Incomplete-Provider-2024-13.csv"));
        assertEquals(Optional.of(LocalDate.of(2024, 9, 30)), Periods.odsDate("20240930"));
        assertEquals(Optional.empty(), Periods.odsDate(""));
        assertThrows(DateTimeParseException.class, () -> Periods.odsDate("20240230"));
    }

    @Test
    void orgCodePattern() {
        for (String ok : new String[] {"RRF", "8J094", "C83023", "NONC", "A4M8P"}) {
            assertEquals(true, OrgCodes.isWellFormed(ok), ok);
        }
        for (String bad : new String[] {"RR", "rrf", "RRF ", "R-RF", "ABCDEFG", ""}) {
            assertEquals(false, OrgCodes.isWellFormed(bad), bad);
        }
    }
}
