package uk.lhs.common.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The keyed row hash: stable per key and row, different per key, and holding nothing of the row. */
class RowHashTest {
    private static final String KEY_A = "a".repeat(RowHash.MIN_KEY_CHARS);
    private static final String KEY_B = "b".repeat(RowHash.MIN_KEY_CHARS);
    private static final List<String> ROW =
            Arrays.asList("1001", "PATIENTMARKER123", "RXX", "2324", "2023-06-01", "2023-06-05", "4", "21", null, "1");

    @Test
    void sameKeyAndRowGiveTheSameHash() {
        assertEquals(new RowHash(KEY_A).ofFields(ROW), new RowHash(KEY_A).ofFields(ROW));
        assertEquals(new RowHash(KEY_A).of("a,b,c"), new RowHash(KEY_A).of("a,b,c"));
    }

    @Test
    void anotherKeyOrAnotherRowGivesAnotherHash() {
        assertNotEquals(new RowHash(KEY_A).ofFields(ROW), new RowHash(KEY_B).ofFields(ROW));
        List<String> other = Arrays.asList(ROW.toArray(new String[0]));
        other.set(1, "PATIENTMARKER124");
        assertNotEquals(new RowHash(KEY_A).ofFields(ROW), new RowHash(KEY_A).ofFields(other));
        // Fields are separated, so moving text across a field boundary changes the hash.
        assertNotEquals(
                new RowHash(KEY_A).ofFields(List.of("ab", "c")), new RowHash(KEY_A).ofFields(List.of("a", "bc")));
    }

    @Test
    void isTheRfc2104HmacOfTheCanonicalText() throws Exception {
        String canonical = "1001\u001FPATIENTMARKER123\u001FRXX\u001F2324\u001F2023-06-01\u001F2023-06-05\u001F4"
                + "\u001F21\u001F\u001F1";
        assertEquals(canonical, RowHash.canonical(ROW));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY_A.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, new RowHash(KEY_A).ofFields(ROW));
        // Trimming: blanks around a field do not change the hash.
        List<String> padded = Arrays.asList(ROW.toArray(new String[0]));
        padded.set(1, "  PATIENTMARKER123 ");
        assertEquals(new RowHash(KEY_A).ofFields(ROW), new RowHash(KEY_A).ofFields(padded));
    }

    @Test
    void theOutputHoldsNoFieldOfTheRow() {
        String h = new RowHash(KEY_A).ofFields(ROW);
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        for (String f : ROW) {
            if (f != null && f.length() > 2) {
                assertFalse(h.contains(f), "hash contains field " + f);
            }
        }
        assertFalse(new RowHash(KEY_A).toString().contains(KEY_A), "the key is never shown");
    }

    @Test
    void nullTextHasNoHashAndShortKeysAreRefused() {
        assertNull(new RowHash(KEY_A).of(null));
        assertThrows(IllegalArgumentException.class, () -> new RowHash("short"));
    }
}
