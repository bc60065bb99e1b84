package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.evaluation.meta.MetaAnalysis;
import uk.lhs.common.evaluation.meta.MetaMethod;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.meta.MetaResult;

/**
 * {@link MetaAnalysis} against two independent implementations on seeded random data sets (k = 2 to 40, with and
 * without heterogeneity, and one of identical estimates): statsmodels' {@code combine_effects} (DerSimonian–Laird and
 * Paule–Mandel "iterated", Debian's python3-statsmodels) and R metafor's {@code rma()} (REML, DL and FE, each with the
 * normal and the Hartung–Knapp {@code test="knha"} interval; Debian's r-cran-metafor). One Python and one R process
 * for all sets.
 */
class MetaAnalysisCrossCheckIT {
    private static final String RSCRIPT = "Rscript";

    /** Set name → estimates and standard errors. */
    private static final Map<String, double[][]> SETS = new HashMap<>();

    @TempDir
    static Path dir;

    private static Path csv;

    @BeforeAll
    static void writeSets() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20261207L);
        int[] ks = {2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40};
        int n = 0;
        for (int rep = 0; rep < 2; rep++) {
            for (int k : ks) {
                double mu = rnd.nextDouble(-1, 1);
                // Half the sets homogeneous (tau = 0), so Q <= k - 1 and the truncation at 0 is exercised too.
                double tau = (n % 2 == 0) ? 0 : rnd.nextDouble(0.02, 0.6);
                double scale = rep == 0 ? 1 : 1e-3; // proportions-sized effects as well
                double[] y = new double[k];
                double[] se = new double[k];
                for (int i = 0; i < k; i++) {
                    se[i] = rnd.nextDouble(0.05, 0.5) * scale;
                    y[i] = (mu + tau * gaussian(rnd)) * scale + se[i] * gaussian(rnd);
                }
                SETS.put(String.format(Locale.ROOT, "s%02d", n++), new double[][] {y, se});
            }
        }
        double[] same = new double[6];
        Arrays.fill(same, 0.25);
        SETS.put(String.format(Locale.ROOT, "s%02d", n), new double[][] {same, {0.1, 0.2, 0.3, 0.15, 0.25, 0.12}});
        StringBuilder sb = new StringBuilder("set,yi,vi\n");
        SETS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (int i = 0; i < e.getValue()[0].length; i++) {
                double s = e.getValue()[1][i];
                sb.append(e.getKey())
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.17g", e.getValue()[0][i]))
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.17g", s * s))
                        .append('\n');
            }
        });
        csv = Files.writeString(dir.resolve("sets.csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Relative agreement to 1e-6 of the larger of the value and the set's scale. */
    private static void close(double expected, double actual, double scale, String what) {
        assertEquals(expected, actual, 1e-6 * Math.max(Math.abs(expected), scale), what);
    }

    private static double scale(double[][] set) {
        return Arrays.stream(set[1]).max().orElseThrow();
    }

    @Test
    void derSimonianLairdAndPauleMandelAgreeWithStatsmodels() throws Exception {
        StatsmodelsRunner.ensureStatsmodels();
        Path script = copy("meta_statsmodels.py");
        List<String> lines = run(List.of(StatsmodelsRunner.PYTHON, script.toString(), csv.toString()));
        assertEquals(2 * SETS.size(), lines.size(), String.join("\n", lines));
        int truncated = 0;
        int pmCompared = 0;
        for (String line : lines) {
            String[] w = line.trim().split(" ");
            double[][] set = SETS.get(w[0]);
            int df = set[0].length - 1;
            double s = scale(set);
            double sc = s * s;
            MetaMethod method = w[1].equals("dl") ? MetaMethod.DL : MetaMethod.PM;
            double[] v =
                    Arrays.stream(w).skip(2).mapToDouble(Double::parseDouble).toArray();
            String what = w[0] + " " + w[1] + " (k = " + set[0].length + ")";
            MetaResult r = MetaAnalysis.pool(set[0], set[1], MetaOptions.of(method));
            MetaResult hk = MetaAnalysis.pool(set[0], set[1], new MetaOptions(method, true));
            close(v[4], r.q(), 1, what + " Q");
            boolean converged = v[7] == 1;
            if (method == MetaMethod.PM && !converged) {
                // statsmodels stops at 0 both when Q <= k - 1 and when its step lands where Q* < k - 1; there,
                // check ours against the defining equation Q*(tau2) = k - 1 (Paule & Mandel 1982) instead.
                if (r.q() <= df) {
                    assertEquals(0, r.tau2(), what);
                    assertEquals(0, v[0], what);
                } else {
                    assertEquals(df, generalisedQ(set, r.tau2()), 1e-8 * df, what + " Q*(tau2) = k - 1");
                }
                continue;
            }
            if (v[0] < 0) {
                // statsmodels leaves a negative DL tau2; ours is truncated at 0, which gives the fixed effect.
                truncated++;
                assertEquals(0, r.tau2(), what);
                close(v[5], r.estimate(), s, what + " estimate (FE)");
                close(v[6], r.se(), s, what + " se (FE)");
                continue;
            }
            if (method == MetaMethod.PM) {
                pmCompared++;
            }
            close(v[0], r.tau2(), sc, what + " tau2");
            close(v[1], r.estimate(), s, what + " estimate");
            close(v[2], r.se(), s, what + " se");
            close(v[3], hk.se(), s, what + " Hartung-Knapp se");
        }
        assertTrue(pmCompared > 5, "Paule-Mandel compared with statsmodels in " + pmCompared + " sets");
        assertTrue(truncated > 0 && truncated < SETS.size(), "both truncated and positive DL tau2: " + truncated);
    }

    @Test
    void remlDerSimonianLairdAndFixedEffectAgreeWithMetafor() throws Exception {
        ensureMetafor();
        Path script = copy("meta_metafor.R");
        List<String> lines = run(List.of(RSCRIPT, script.toString(), csv.toString()));
        assertEquals(6 * SETS.size(), lines.size(), String.join("\n", lines));
        int positiveReml = 0;
        for (String line : lines) {
            String[] w = line.trim().split("\\s+");
            double[][] set = SETS.get(w[0]);
            String what = w[0] + " " + w[1] + " " + w[2] + " (k = " + set[0].length + ")";
            assertFalse(w[3].equals("error"), what + ": metafor failed: " + line);
            double s = scale(set);
            MetaMethod method = MetaMethod.fromCode(w[1]);
            boolean knha = w[2].equals("knha");
            MetaResult r = MetaAnalysis.pool(set[0], set[1], new MetaOptions(method, knha));
            double[] v =
                    Arrays.stream(w).skip(3).mapToDouble(Double::parseDouble).toArray();
            assertFalse(r.fellBack(), what);
            close(v[0], r.estimate(), s, what + " estimate");
            close(v[1], r.se(), s, what + " se");
            close(v[2], r.ciLower(), s, what + " ci lower");
            close(v[3], r.ciUpper(), s, what + " ci upper");
            close(v[4], r.tau2(), s * s, what + " tau2");
            assertEquals(v[5], r.i2(), 1e-4, what + " I2");
            close(v[6], r.q(), 1, what + " Q");
            assertEquals(v[7], r.qP(), 1e-9, what + " Q p-value");
            if (method == MetaMethod.REML && r.tau2() > 0) {
                positiveReml++;
            }
        }
        assertTrue(positiveReml > 5, "REML with tau2 > 0 in " + positiveReml + " of the metafor comparisons");
    }

    /** Sum of (y - mu*)^2 / (v + tau2), mu* the weighted mean: computed here, not by MetaAnalysis. */
    private static double generalisedQ(double[][] set, double tau2) {
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < set[0].length; i++) {
            double w = 1 / (set[1][i] * set[1][i] + tau2);
            sw += w;
            swy += w * set[0][i];
        }
        double mu = swy / sw;
        double q = 0;
        for (int i = 0; i < set[0].length; i++) {
            q += (set[0][i] - mu) * (set[0][i] - mu) / (set[1][i] * set[1][i] + tau2);
        }
        return q;
    }

    private static Path copy(String resource) throws IOException {
        Path target = dir.resolve(resource);
        try (var in = MetaAnalysisCrossCheckIT.class.getResourceAsStream("/evaluation/" + resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Makes sure R can load metafor; installs r-cran-metafor with apt-get if not; skips (or fails in CI). */
    static void ensureMetafor() throws IOException, InterruptedException {
        List<String> check = List.of(RSCRIPT, "-e", "suppressMessages(library(metafor))");
        if (exit(check) == 0) {
            return;
        }
        List<String> install = List.of("apt-get", "install", "-y", "--no-install-recommends", "r-cran-metafor");
        int code = exit(install);
        if (code != 0) {
            exit(List.of("apt-get", "update"));
            code = exit(install);
        }
        if (code != 0 || exit(check) != 0) {
            String why = "R package metafor is not available and could not be installed (apt-get exit " + code
                    + "); install r-cran-metafor";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }

    private static int exit(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        // stderr to a file: warnings (e.g. statsmodels' sqrt of a negative DL tau2's HK scale) are not results.
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(
                    command.get(0) + " failed (exit " + code + "): " + out + Files.readString(err));
        }
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }
}
