package uk.lhs.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import uk.lhs.common.evaluation.meta.MetaCsv;

/**
 * {@code lhs meta-csv} end to end through the command line, on the BCG vaccine trials (Colditz et al. 1994): the log
 * risk ratios are computed here from the published 2×2 counts, and the output must match the published REML and
 * DerSimonian–Laird results (Viechtbauer 2010, J Stat Softw 36(3); metafor's rma documentation) to 4 decimals.
 */
class MetaCsvCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int lhs(String... args) {
        CommandLine cli = LhsCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Trial, vaccinated TB+, TB−, control TB+, TB−. */
    private static final Object[][] BCG = {
        {"Aronson", 4, 119, 11, 128},
        {"Ferguson & Simes", 6, 300, 29, 274},
        {"Rosenthal et al 1960", 3, 228, 11, 209},
        {"Hart & Sutherland", 62, 13536, 248, 12619},
        {"Frimodt-Moller et al", 33, 5036, 47, 5761},
        {"Stein & Aronson", 180, 1361, 372, 1079},
        {"Vandiviere et al", 8, 2537, 10, 619},
        {"TPT Madras", 505, 87886, 499, 87892},
        {"Coetzee & Berjak", 29, 7470, 45, 7232},
        {"Rosenthal et al 1961", 17, 1699, 65, 1600},
        {"Comstock et al 1974", 186, 50448, 141, 27197},
        {"Comstock & Webster", 5, 2493, 3, 2338},
        {"Comstock et al 1976", 27, 16886, 29, 17825}
    };

    /** A CSV with the log risk ratio and its standard error per trial, plus an unused column. */
    private Path bcgCsv() throws Exception {
        StringBuilder sb = new StringBuilder("Trial,log_rr,SE_log_rr,year\n");
        for (Object[] t : BCG) {
            double a = (Integer) t[1];
            double b = (Integer) t[2];
            double c = (Integer) t[3];
            double d = (Integer) t[4];
            double y = Math.log((a / (a + b)) / (c / (c + d)));
            double se = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
            sb.append('"')
                    .append(t[0])
                    .append("\",")
                    .append(y)
                    .append(',')
                    .append(se)
                    .append(",1970\n");
        }
        return Files.writeString(dir.resolve("bcg.csv"), sb.toString());
    }

    /** Runs meta-csv on the BCG file; returns the output's one row by column name. */
    private Map<String, String> pool(String... extra) throws Exception {
        Path out = dir.resolve("out.csv");
        List<String> args = new java.util.ArrayList<>(List.of(
                "meta-csv",
                "--input",
                bcgCsv().toString(),
                "--estimate",
                "log_rr",
                "--se",
                "se_log_rr",
                "--label",
                "trial",
                "--output",
                out.toString()));
        args.addAll(List.of(extra));
        assertEquals(0, lhs(args.toArray(String[]::new)), err.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size(), "a header and exactly one row");
        assertEquals("method,k,estimate,se,ci_lower,ci_upper,tau2,i2,q,q_df,q_p,pi_lower,pi_upper", lines.get(0));
        assertEquals(String.join(",", MetaCsv.OUTPUT_COLUMNS), lines.get(0));
        String[] cells = lines.get(1).split(",", -1);
        assertEquals(13, cells.length, lines.get(1));
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            row.put(MetaCsv.OUTPUT_COLUMNS.get(i), cells[i]);
        }
        return row;
    }

    private static void assertRounded(double published, Map<String, String> row, String column) {
        double actual = Double.parseDouble(row.get(column));
        assertEquals(published, actual, 0.5e-4, column + " = " + actual + ", published " + published);
    }

    @Test
    void remlMatchesThePublishedBcgAnalysisToFourDecimals() throws Exception {
        Map<String, String> r = pool();
        // Viechtbauer (2010) §3.3: estimate -0.7145, se 0.1798, CI -1.0669 to -0.3622, tau^2 0.3132, I^2 92.22%,
        // Q(df = 12) = 152.2330.
        assertEquals("reml", r.get("method"));
        assertEquals("13", r.get("k"));
        assertRounded(-0.7145, r, "estimate");
        assertRounded(0.1798, r, "se");
        assertRounded(-1.0669, r, "ci_lower");
        assertRounded(-0.3622, r, "ci_upper");
        assertRounded(0.3132, r, "tau2");
        assertEquals(92.22, Double.parseDouble(r.get("i2")), 0.005, "I2 in percent");
        assertRounded(152.2330, r, "q");
        assertEquals("12", r.get("q_df"));
        assertTrue(Double.parseDouble(r.get("q_p")) < 1e-20, r.get("q_p"));
        assertTrue(Double.parseDouble(r.get("pi_lower")) < -1.8667, "t(11) interval wider than metafor's normal one");
        assertTrue(Double.parseDouble(r.get("pi_upper")) > 0.4376);
    }

    @Test
    void derSimonianLairdMatchesThePublishedBcgAnalysisToFourDecimals() throws Exception {
        Map<String, String> r = pool("--method", "dl");
        // metafor's rma(method="DL") on dat.bcg: tau^2 0.3088, estimate -0.7141, se 0.1787; Q as above;
        // I^2 = 100 (Q - df)/Q = 92.12%.
        assertEquals("dl", r.get("method"));
        assertRounded(0.3088, r, "tau2");
        assertRounded(-0.7141, r, "estimate");
        assertRounded(0.1787, r, "se");
        assertRounded(152.2330, r, "q");
        assertRounded(100 * (152.2330 - 12) / 152.2330, r, "i2");
    }

    @Test
    void fixedEffectAndHartungKnappReachTheEngine() throws Exception {
        Map<String, String> fe = pool("--method", "FE");
        assertEquals("fe", fe.get("method"));
        assertRounded(-0.4303, fe, "estimate");
        assertRounded(0.0405, fe, "se");
        assertEquals(0.0, Double.parseDouble(fe.get("tau2")));
        Map<String, String> hk = pool("--hartung-knapp");
        // metafor 3.8.1, rma(yi, vi, test="knha"): se 0.1808, CI -1.1084 to -0.3206.
        assertRounded(0.1808, hk, "se");
        assertRounded(-1.1084, hk, "ci_lower");
        assertRounded(-0.3206, hk, "ci_upper");
    }

    @Test
    void twoRowsHaveNoPredictionIntervalAndTheCellsAreEmpty() throws Exception {
        Path in = Files.writeString(dir.resolve("two.csv"), "est,se\n0.1,0.1\n\n0.9,0.2\n");
        Path out = dir.resolve("two-out.csv");
        assertEquals(
                0,
                lhs(
                        "meta-csv",
                        "--input",
                        in.toString(),
                        "--estimate",
                        "est",
                        "--se",
                        "se",
                        "--output",
                        out.toString()),
                err.toString());
        String[] row = Files.readAllLines(out).get(1).split(",", -1);
        assertEquals("reml", row[0]);
        assertEquals("2", row[1]);
        assertEquals("", row[11], "no pi_lower for k = 2");
        assertEquals("", row[12], "no pi_upper for k = 2");
    }

    @Test
    void badInputGivesOneLineNamingFileRowAndColumnAndWritesNothing() throws Exception {
        Path out = dir.resolve("out.csv");
        assertError(
                "trial,yi,sei\nA,0.1,0.2\nB,0.3,0\n",
                "bad1.csv: line 3 (row 2, 'B'), column 'sei': the standard error is 0; it must be greater than 0",
                "--label",
                "trial");
        assertError(
                "trial,yi,sei\nA,0.1,0.2\nB,abc,0.1\n", "bad2.csv: line 3 (row 2), column 'yi': 'abc' is not a number");
        assertError("trial,yi,sei\nA,0.1,-0.2\n", "bad3.csv: line 2 (row 1), column 'sei': the standard error is -0.2");
        assertError("trial,yi,sei\nA,0.1,\n", "bad4.csv: line 2 (row 1), column 'sei': is empty");
        assertError("trial,yi,se\nA,0.1,0.2\n", "bad5.csv: line 1, column 'sei': no such column (named by --se)");
        assertError("trial,yi,sei\n", "bad6.csv: line 1: no data rows");
        assertFalse(Files.exists(out), "no output for bad input");
    }

    private int bad;

    private void assertError(String csv, String expected, String... extra) throws Exception {
        bad++;
        Path in = Files.writeString(dir.resolve("bad" + bad + ".csv"), csv);
        Path out = dir.resolve("out.csv");
        List<String> args = new java.util.ArrayList<>(List.of(
                "meta-csv", "--input", in.toString(), "--estimate", "yi", "--se", "sei", "--output", out.toString()));
        args.addAll(List.of(extra));
        err.getBuffer().setLength(0);
        assertNotEquals(0, lhs(args.toArray(String[]::new)));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        String want = "lhs meta-csv: " + in.getParent().resolve(expected.substring(0, expected.indexOf(':')))
                + expected.substring(expected.indexOf(':'));
        assertTrue(message.startsWith(want), message + "\n does not start with\n" + want);
    }

    @Test
    void badOptionsAreExplained() throws Exception {
        Path in = bcgCsv();
        String out = dir.resolve("out.csv").toString();
        assertNotEquals(
                0,
                lhs(
                        "meta-csv",
                        "--input",
                        in.toString(),
                        "--estimate",
                        "log_rr",
                        "--se",
                        "se_log_rr",
                        "--method",
                        "bayes",
                        "--output",
                        out));
        assertTrue(
                err.toString().contains("unknown meta-analysis method 'bayes'; use one of fe, dl, reml, pm"),
                err.toString());
        assertNotEquals(
                0,
                lhs(
                        "meta-csv",
                        "--input",
                        dir.resolve("none.csv").toString(),
                        "--estimate",
                        "a",
                        "--se",
                        "b",
                        "--output",
                        out));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void metaCsvIsACommand() {
        assertTrue(LhsCli.commandLine().getSubcommands().containsKey("meta-csv"));
    }
}
