package uk.lhs.common.evaluation.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MetaCsv}: parsing, validation messages and the one-row output. */
class MetaCsvTest {
    private static final MetaCsv.Columns COLS = new MetaCsv.Columns("yi", "sei", "site");

    private static MetaCsv.Input read(String csv, MetaCsv.Columns columns) throws Exception {
        return MetaCsv.read(new StringReader(csv), "in.csv", columns);
    }

    @Test
    void readsNamedColumnsCaseInsensitivelyWithQuotesABomAndOtherColumns() throws Exception {
        MetaCsv.Input in = read(
                "\uFEFFSite,note,YI,SEI\n\"Leeds, St James's\",x,0.5,0.1\n\nRXX,\"a \"\"b\"\"\", -0.25 ,2e-1\n", COLS);
        assertEquals(List.of("Leeds, St James's", "RXX"), in.labels());
        assertArrayEquals(new double[] {0.5, -0.25}, in.estimates());
        assertArrayEquals(new double[] {0.1, 0.2}, in.standardErrors());
        MetaCsv.Input noLabel = read("yi,sei\n1,2\n", new MetaCsv.Columns("yi", "sei", null));
        assertEquals(List.of(""), noLabel.labels());
    }

    @Test
    void writesTheHeaderAndOneRowOfThePooledResult() throws Exception {
        StringWriter out = new StringWriter();
        MetaResult r = MetaCsv.run(
                new StringReader("site,yi,sei\nA,0.1,0.1\nB,0.3,0.2\nC,0.2,0.15\n"),
                "in.csv",
                COLS,
                MetaOptions.of(MetaMethod.DL),
                out);
        String[] lines = out.toString().split("\n");
        assertEquals(2, lines.length);
        assertEquals(String.join(",", MetaCsv.OUTPUT_COLUMNS), lines[0]);
        assertEquals(
                String.join(
                        ",",
                        "dl",
                        "3",
                        Double.toString(r.estimate()),
                        Double.toString(r.se()),
                        Double.toString(r.ciLower()),
                        Double.toString(r.ciUpper()),
                        Double.toString(r.tau2()),
                        Double.toString(r.i2()),
                        Double.toString(r.q()),
                        "2",
                        Double.toString(r.qP()),
                        Double.toString(r.piLower()),
                        Double.toString(r.piUpper())),
                lines[1]);
        assertEquals(
                r,
                MetaAnalysis.pool(
                        new double[] {0.1, 0.3, 0.2}, new double[] {0.1, 0.2, 0.15}, MetaOptions.of(MetaMethod.DL)));
    }

    @Test
    void malformedInputIsNamedByFileLineRowAndColumn() {
        assertMessage("", "in.csv: line 1: the file is empty; expected a header naming the 'yi' and 'sei' columns");
        assertMessage(
                "site,yi\nA,1\n",
                "in.csv: line 1, column 'sei': no such column (named by --se); the header has site, yi");
        assertMessage("site,yi,sei,YI\n", "in.csv: line 1, column 'yi': the column appears twice in the header");
        assertMessage("site,yi,sei\nA,1,0.1\nB,2\n", "in.csv: line 3 (row 2, 'B'): has 2 fields but the header has 3");
        assertMessage("site,yi,sei\nA,1,0.1\n\nB,NA,0.1\n", "in.csv: line 4 (row 2, 'B'), column 'yi': is empty");
        assertMessage("site,yi,sei\nA,1,Inf\n", "in.csv: line 2 (row 1, 'A'), column 'sei': 'Inf' is not a number");
        assertMessage(
                "site,yi,sei\nA,1,Infinity\n", "in.csv: line 2 (row 1, 'A'), column 'sei': 'Infinity' is not a finite");
        assertMessage("site,yi,sei\nA,1,0.0\n", "in.csv: line 2 (row 1, 'A'), column 'sei': the standard error is 0.0");
        assertMessage("site,yi,sei\n\"A,1,0.1\n", "in.csv: line 2 (row 1):");
        MetaCsvException e =
                assertThrows(MetaCsvException.class, () -> read("yi\n1\n", new MetaCsv.Columns("yi", "YI", null)));
        assertTrue(e.getMessage().contains("named as both the estimate and the standard error"), e.getMessage());
        assertEquals(1, e.line());
    }

    private static void assertMessage(String csv, String expectedStart) {
        MetaCsvException e = assertThrows(MetaCsvException.class, () -> read(csv, COLS));
        assertTrue(
                e.getMessage().startsWith(expectedStart),
                e.getMessage() + "\n expected to start with\n" + expectedStart);
    }
}
