package uk.lhs.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lhs did-csv} end to end through the command line, with temp files. */
class DidCsvCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int lhs(String... args) {
        CommandLine cli = LhsCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Four never-treated trusts and two cohorts (2024-03, 2024-05); the effect is 2 from adoption on. */
    private static String panel() {
        StringBuilder sb = new StringBuilder("trust,month,rate,start\n");
        String[] starts = {"", "", "", "", "2024-03", "2024-03", "2024-05", "2024-05"};
        for (int i = 0; i < starts.length; i++) {
            for (int m = 1; m <= 6; m++) {
                String month = "2024-0" + m;
                boolean treated = !starts[i].isEmpty() && month.compareTo(starts[i]) >= 0;
                double y = 10 + i + 0.5 * m + ((i * 7 + m * 3) % 5) * 0.1 + (treated ? 2 : 0);
                sb.append("R")
                        .append(i)
                        .append(',')
                        .append(month)
                        .append(',')
                        .append(y)
                        .append(',');
                sb.append(starts[i]).append('\n');
            }
        }
        return sb.toString();
    }

    private String[] args(Path in, Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of(
                "did-csv",
                "--input",
                in.toString(),
                "--unit",
                "trust",
                "--time",
                "month",
                "--outcome",
                "rate",
                "--first-treated",
                "start",
                "--output",
                out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void writesEveryAggregationInTheInputsTimeFormat() throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), panel());
        Path out = dir.resolve("out.csv");
        assertEquals(
                0,
                lhs(args(
                        in,
                        out,
                        "--control",
                        "notyet",
                        "--base-period",
                        "universal",
                        "--bootstrap",
                        "199",
                        "--seed",
                        "3")),
                err.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals("aggregation,group,time,event_time,estimate,se,ci_lower,ci_upper", lines.get(0));
        for (String agg : List.of("att_gt", "simple", "group", "dynamic", "calendar")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(agg + ",")), agg);
        }
        assertTrue(
                lines.contains(lines.stream()
                        .filter(l -> l.startsWith("att_gt,2024-03,2024-02,-1,0.0,"))
                        .findFirst()
                        .orElseThrow()),
                "universal base: ATT(g, g-1) = 0 is reported");
        String simple = lines.stream()
                .filter(l -> l.startsWith("simple,,,,"))
                .findFirst()
                .orElseThrow();
        // the periodic term (i*7 + m*3) mod 5 is not parallel across trusts, so the effect is near 2, not exactly
        assertEquals(2.0, Double.parseDouble(simple.split(",")[4]), 0.5, simple);
    }

    @Test
    void badInputNamesFileLineAndColumnAndWritesNothing() throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), panel().replace("R3,2024-04,", "R3,2024-4x,"));
        Path out = dir.resolve("out.csv");
        assertEquals(1, lhs(args(in, out)));
        assertTrue(err.toString().contains("in.csv line"), err.toString());
        assertTrue(err.toString().contains("column 'month'"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownOptionValuesAreRefused() throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), panel());
        Path out = dir.resolve("out.csv");
        assertEquals(2, lhs(args(in, out, "--control", "sometimes")));
        assertTrue(err.toString().contains("use never or notyet"), err.toString());
        assertEquals(2, lhs(args(in, out, "--base-period", "fixed")));
        assertTrue(err.toString().contains("use varying or universal"), err.toString());
        assertEquals(1, lhs(args(in, out, "--bootstrap", "5")));
        assertTrue(err.toString().contains("at least 99"), err.toString());
    }
}
