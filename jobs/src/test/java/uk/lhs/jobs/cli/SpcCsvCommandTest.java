package uk.lhs.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import uk.lhs.common.spc.SpcCsv;
import uk.lhs.common.spc.SpcOptions;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;

/** {@code lhs spc-csv} end to end through the command line, with temp files. */
class SpcCsvCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int lhs(String... args) {
        CommandLine cli = LhsCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String csv(int n) {
        StringBuilder sb = new StringBuilder("series,date,value,target\n");
        for (int i = 0; i < n; i++) {
            sb.append("s1,")
                    .append(LocalDate.of(2024, 1, 1).plusMonths(i))
                    .append(',')
                    .append(10 + (i * 7) % 5 + (i >= 14 ? 4 : 0))
                    .append(",12\n");
        }
        return sb.toString();
    }

    @Test
    void everyOptionReachesTheEngine() throws Exception {
        String text = csv(24);
        Path in = Files.writeString(dir.resolve("in.csv"), text);
        Path out = dir.resolve("out.csv");
        Path summary = dir.resolve("summary.csv");
        int code = lhs(
                "spc-csv",
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--summary",
                summary.toString(),
                "--chart",
                "i",
                "--improvement",
                "decrease",
                "--rebase",
                "2024-07-01,2025-03-01",
                "--fix-after",
                "5",
                "--screen-outliers",
                "false",
                "--shift-length",
                "6",
                "--trend-length",
                "5",
                "--target",
                "11.5");
        assertEquals(0, code, err.toString());

        SpcOptions options = SpcOptions.builder()
                .chart(ChartType.I)
                .improvement(ImprovementDirection.DECREASE)
                .rebaseDates(List.of(LocalDate.of(2024, 7, 1), LocalDate.of(2025, 3, 1)))
                .fixAfter(5)
                .screenOutliers(false)
                .shiftLength(6)
                .trendLength(5)
                .target(11.5)
                .build();
        StringWriter points = new StringWriter();
        StringWriter perSeries = new StringWriter();
        SpcCsv.run(new StringReader(text), points, perSeries, options);
        assertEquals(points.toString(), Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(perSeries.toString(), Files.readString(summary, StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(out);
        assertEquals(String.join(",", SpcCsv.OUTPUT_COLUMNS), lines.get(0));
        assertEquals(25, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(",3")), "the two rebases give a third phase");
    }

    @Test
    void defaultsAreTheMdcXmrAndNoSummaryFileIsWrittenUnlessAsked() throws Exception {
        String text = csv(15);
        Path in = Files.writeString(dir.resolve("in.csv"), text);
        Path out = dir.resolve("out.csv");
        assertEquals(0, lhs("spc-csv", "--input", in.toString(), "--output", out.toString()), err.toString());
        StringWriter points = new StringWriter();
        SpcCsv.run(new StringReader(text), points, null, SpcOptions.defaults());
        assertEquals(points.toString(), Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the input and the points file");
        }
    }

    @Test
    void aMalformedCsvGivesOneLineNamingLineAndColumnAndWritesNothing() throws Exception {
        Path in = Files.writeString(dir.resolve("bad.csv"), "date,value\n2024-01-01,3\n2024-02-01,4\n2024-03-01,abc\n");
        Path out = dir.resolve("out.csv");
        int code = lhs("spc-csv", "--input", in.toString(), "--output", out.toString());
        assertNotEquals(0, code);
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("lhs spc-csv: line 4, column 'value'"), message);
        assertFalse(Files.exists(out), "no half-written output");
    }

    @Test
    void badOptionsAndMissingFilesAreExplained() throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), csv(5));
        String out = dir.resolve("out.csv").toString();
        assertNotEquals(0, lhs("spc-csv", "--input", in.toString(), "--output", out, "--chart", "pie"));
        assertTrue(err.toString().contains("unknown chart type 'pie'; use one of xmr, i, mr"), err.toString());
        assertNotEquals(0, lhs("spc-csv", "--input", in.toString(), "--output", out, "--rebase", "2024-13-01"));
        assertTrue(err.toString().contains("'2024-13-01' is not a date"), err.toString());
        assertNotEquals(0, lhs("spc-csv", "--input", dir.resolve("none.csv").toString(), "--output", out));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertNotEquals(0, lhs("spc-csv", "--input", in.toString(), "--output", out, "--chart", "p"));
        assertTrue(err.toString().contains("line 1, column 'denominator'"), err.toString());
        assertNotEquals(0, lhs("spc-csv", "--input", in.toString(), "--output", out, "--shift-length", "1"));
        assertTrue(err.toString().contains("shift-length must be at least 2"), err.toString());
    }

    @Test
    void spcStageAndSpcCsvAreCommands() {
        var commands = LhsCli.commandLine().getSubcommands().keySet();
        assertTrue(commands.contains("spc") && commands.contains("spc-csv"), commands.toString());
    }
}
