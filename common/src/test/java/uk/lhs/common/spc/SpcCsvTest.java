package uk.lhs.common.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ChartType;

/** CSV in, CSV out, and errors that name the line and column. */
class SpcCsvTest {

    private static String[] run(String csv, SpcOptions o) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter summary = new StringWriter();
        SpcCsv.run(new StringReader(csv), out, summary, o);
        return new String[] {out.toString(), summary.toString()};
    }

    private static String workedExampleCsv(String series, String target) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < SpcEngineTest.WORKED.length; i++) {
            b.append(series)
                    .append(",2024-")
                    .append(String.format("%02d", i + 1))
                    .append("-01,")
                    .append(SpcCsv.number(SpcEngineTest.WORKED[i]))
                    .append(',')
                    .append(i == 11 ? target : "")
                    .append('\n');
        }
        return b.toString();
    }

    @Test
    void chartsEachSeriesAndWritesTheContractColumns() throws IOException {
        String csv =
                "series,date,value,target\n" + workedExampleCsv("a", "20") + workedExampleCsv("\"b, with comma\"", "");
        String[] res = run(csv, SpcOptions.defaults());
        String[] lines = res[0].split("\n");
        assertEquals(String.join(",", SpcCsv.OUTPUT_COLUMNS), lines[0]);
        assertEquals(1 + 24, lines.length);
        assertEquals(
                "series,date,value,centre,lower_limit,upper_limit,lower_near,upper_near,outside_limits,trend,"
                        + "two_of_three,shift,point_type,phase",
                lines[0]);
        String[] spike = lines[6].split(",");
        assertEquals("a", spike[0]);
        assertEquals("2024-06-01", spike[1]);
        assertEquals("30", spike[2]);
        assertEquals(13.25, Double.parseDouble(spike[3]), 1e-12);
        assertEquals(9.703333333, Double.parseDouble(spike[4]), 1e-8);
        assertEquals(16.796666667, Double.parseDouble(spike[5]), 1e-8);
        assertEquals(
                "true,false,false,false,special_cause_improvement,1",
                String.join(",", List.of(spike).subList(8, 14)));
        assertTrue(lines[13].startsWith("\"b, with comma\",2024-01-01,10,"), lines[13]);
        String[] summary = res[1].split("\n");
        assertEquals("series,variation_icon,assurance_icon,points,warning", summary[0]);
        assertEquals("a,common_cause,fail,12,", summary[1]);
        assertEquals("\"b, with comma\",common_cause,,12,", summary[2]);
    }

    @Test
    void theTargetOptionOverridesTheColumn() throws IOException {
        String csv = "series,date,value,target\n" + workedExampleCsv("a", "20");
        String[] res = run(csv, SpcOptions.builder().target(5.0).build());
        assertEquals("a,common_cause,pass,12,", res[1].split("\n")[1]);
    }

    @Test
    void rowsAreSortedByDateAndMissingValuesAreEmpty() throws IOException {
        String csv = "date,value\n2024-03-01,3\n2024-01-01,1\n2024-02-01,NA\n";
        String[] lines = run(csv, SpcOptions.defaults())[0].split("\n");
        assertTrue(lines[1].startsWith(",2024-01-01,1,2,"), lines[1]);
        assertTrue(lines[2].startsWith(",2024-02-01,,2,"), lines[2]);
        assertTrue(lines[3].startsWith(",2024-03-01,3,2,"), lines[3]);
        assertTrue(lines[2].endsWith(",false,false,false,false,common_cause,1"), lines[2]);
    }

    @Test
    void proportionsFromNumeratorsAndDenominators() throws IOException {
        String csv = "date,value,denominator\n2024-01-01,1,4\n2024-02-01,2,4\n2024-03-01,3,4\n";
        List<SpcCsv.CsvSeries> in = SpcCsv.read(new StringReader(csv), ChartType.P);
        assertEquals(1, in.size());
        assertNull(in.get(0).target());
        String[] lines = run(csv, SpcOptions.builder().chart(ChartType.P).build())[0].split("\n");
        assertTrue(lines[1].startsWith(",2024-01-01,0.25,0.5,0,1,"), lines[1]);
    }

    @Test
    void summaryCarriesWarnings() throws IOException {
        String[] res = run("date,value\n2024-01-01,1\n2024-02-01,2\n", SpcOptions.defaults());
        // The warning holds commas, so it is quoted.
        assertTrue(
                res[1].split("\n")[1].startsWith(
                        ",common_cause,,2,\"phase 1 (from 2024-01-01): short baseline, limits use 2 point(s)"),
                res[1]);
    }

    private static SpcCsvException error(String csv, ChartType chart) {
        return assertThrows(SpcCsvException.class, () -> SpcCsv.read(new StringReader(csv), chart));
    }

    @Test
    void malformedInputNamesTheLineAndColumn() {
        SpcCsvException e = error("date,value\n2024-01-01,1\n01/02/2024,2\n", ChartType.XMR);
        assertEquals(3, e.line());
        assertEquals("date", e.column());
        assertEquals(
                "line 3, column 'date': '01/02/2024' is not a date; use YYYY-MM-DD, e.g. 2024-04-01", e.getMessage());

        e = error("date,value\n2024-01-01,1\n2024-02-01,abc\n", ChartType.XMR);
        assertEquals(3, e.line());
        assertEquals("value", e.column());

        e = error("date,value\n2024-01-01,1\n\n2024-02-01,Infinity\n", ChartType.XMR);
        assertEquals(4, e.line(), "blank lines still count");

        e = error("date,valeu\n", ChartType.XMR);
        assertEquals(1, e.line());
        assertEquals("valeu", e.column());

        e = error("date\n2024-01-01\n", ChartType.XMR);
        assertEquals("value", e.column());

        e = error("date,value,date\n", ChartType.XMR);
        assertEquals("date", e.column());

        e = error("date,value\n2024-01-01,1,7\n", ChartType.XMR);
        assertEquals(2, e.line());
        assertNull(e.column());

        e = error("date,value\n\"2024-01-01,1\n", ChartType.XMR);
        assertEquals(2, e.line());

        e = error("series,date,value\nx,2024-01-01,1\ny,2024-01-01,1\nx,2024-01-01,2\n", ChartType.XMR);
        assertEquals(4, e.line());
        assertEquals("date", e.column());
        assertTrue(e.getMessage().contains("lines 2 and 4"), e.getMessage());

        e = error("date,value\n2024-01-01,1\n", ChartType.U_PRIME);
        assertEquals("denominator", e.column());

        e = error("date,value,denominator\n2024-01-01,1,5\n", ChartType.C);
        assertEquals("denominator", e.column());

        e = error("date,value,denominator\n2024-01-01,1,-5\n", ChartType.P);
        assertEquals(2, e.line());
        assertEquals("denominator", e.column());

        e = error("date,value,denominator\n2024-01-01,1,5\n2024-02-01,6,5\n", ChartType.P);
        assertEquals(3, e.line());
        assertEquals("value", e.column());

        e = error("date,value\n2024-01-01,-1\n", ChartType.C);
        assertEquals(2, e.line());
        assertEquals("value", e.column());

        e = error("", ChartType.XMR);
        assertEquals(1, e.line());

        e = error("date,value,target\n2024-01-01,1,high\n", ChartType.XMR);
        assertEquals("target", e.column());
    }

    @Test
    void headerIsCaseInsensitiveAndMayHaveAByteOrderMark() throws IOException {
        List<SpcCsv.CsvSeries> in = SpcCsv.read(new StringReader("\uFEFFDate, Value\n2024-01-01, 4\n"), ChartType.XMR);
        assertEquals(4.0, in.get(0).series().values()[0], 0.0);
    }
}
