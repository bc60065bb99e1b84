package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 tokenising as the NHS files need it. */
class RawCsvTest {

    private static RawCsv csv(String text) {
        return RawCsv.parse("t.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotesCommasDoubledQuotesAndNewlines() {
        RawCsv c = csv("a,b,c\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,,\n");
        assertEquals(4, c.records().size());
        assertArrayEquals(
                new String[] {"1", "x, y", "he said \"hi\""}, c.records().get(1).values());
        assertArrayEquals(
                new String[] {"2", "two\nlines", "z"}, c.records().get(2).values());
        assertEquals(
                List.of(1, 2, 3, 5), c.records().stream().map(RawRow::rowNumber).toList());
        assertArrayEquals(new String[] {"3", "", ""}, c.records().get(3).values());
        assertEquals("2,\"two\nlines\",z", c.records().get(2).rawLine());
    }

    @Test
    void mixedLineEndsBomBlankLinesAndNoFinalNewline() {
        byte[] body = "h1,h2\r\n1,2\n\r\n3,4\r5,6".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        RawCsv c = RawCsv.parse("t.csv", bytes);
        assertTrue(c.hadBom());
        assertFalse(c.endsWithNewline());
        assertEquals("h1", c.header()[0]);
        assertEquals(
                List.of(2, 4, 5), c.dataRows().stream().map(RawRow::rowNumber).toList());
        assertEquals(1, c.blankRecordsSkipped());
        assertArrayEquals(new String[] {"5", "6"}, c.records().get(3).values());
    }

    @Test
    void trailingEmptyColumnsAreKept() {
        RawCsv c = csv("a,b,,,\n1,2,,,\n");
        assertEquals(5, c.dataRows().get(0).size());
    }

    @Test
    void unterminatedQuoteMarksTheLastRecordIncomplete() {
        RawCsv c = csv("a,b\n1,\"open\n");
        assertFalse(c.dataRows().get(0).complete());
        assertTrue(csv("a,b\n1,\"closed\"\n").dataRows().get(0).complete());
    }

    @Test
    void sha256OfTheBytes() {
        // SHA-256("abc") from FIPS 180-2 Appendix B.1.
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                csv("abc").sha256());
    }

    @Test
    void utf16IsNamedAsSuch() {
        byte[] utf16 = "\uFEFFa,b\n".getBytes(StandardCharsets.UTF_16LE);
        SourceFileException e = assertThrows(SourceFileException.class, () -> RawCsv.parse("u.csv", utf16));
        assertEquals(
                "u.csv: UTF-16 text (byte-order mark FFFE), not UTF-8; re-save the file as CSV UTF-8", e.getMessage());
        assertEquals("u.csv", e.file());
    }
}
