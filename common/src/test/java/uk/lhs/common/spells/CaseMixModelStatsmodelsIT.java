package uk.lhs.common.spells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver-side case-mix fit against statsmodels (an independent implementation): unpenalised, the same fitted
 * probabilities to 1e-8 on data without separation; and, for a penalised fit of separated data, the same C-statistic,
 * calibration slope, calibration-in-the-large and Brier score computed by numpy / scipy / statsmodels from the model's
 * probabilities over the expanded discharges.
 */
class CaseMixModelStatsmodelsIT {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void unpenalisedProbabilitiesAndFitStatisticsMatchStatsmodels() throws Exception {
        List<CaseMixModel.Cell> cells = CaseMixModelTest.cells(17, 400);
        CaseMixModel model = CaseMixModel.fit(CaseMixModelTest.FACTORS, cells);
        assertFalse(model.summary().separationDetected());
        Map<String, List<String>> out = statsmodels(cells, model);
        for (int i = 0; i < cells.size(); i++) {
            double theirs = Double.parseDouble(out.get("fitted " + i).get(0));
            assertEquals(theirs, model.probability(cells.get(i).levels()), 1e-8, "cell " + i);
        }
        assertStatistics(model, out);
    }

    @Test
    void fitStatisticsOfAPenalisedFitMatchAnIndependentComputation() throws Exception {
        List<CaseMixModel.Cell> cells = CaseMixModelTest.cells(19, 300);
        cells.add(new CaseMixModel.Cell(List.of("75_84", "non_elective", "M:R69", "M"), 0, 500));
        CaseMixModel model = CaseMixModel.fit(CaseMixModelTest.FACTORS, cells);
        assertTrue(model.summary().lambda() > 0);
        assertStatistics(model, statsmodels(cells, model));
    }

    private static void assertStatistics(CaseMixModel model, Map<String, List<String>> out) {
        var s = model.summary().statistics();
        assertEquals(value(out, "auc"), s.cStatistic(), 1e-12, "C-statistic");
        assertEquals(value(out, "slope"), s.calibrationSlope(), 1e-8, "calibration slope");
        assertEquals(value(out, "citl"), s.calibrationInTheLarge(), 1e-8, "calibration-in-the-large");
        assertEquals(value(out, "brier"), s.brierScore(), 1e-12, "Brier score");
    }

    private static double value(Map<String, List<String>> out, String key) {
        return Double.parseDouble(out.get(key).get(0));
    }

    private Map<String, List<String>> statsmodels(List<CaseMixModel.Cell> cells, CaseMixModel model)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))
                || run(List.of(PYTHON, "-c", "import statsmodels, scipy, pandas")) != 0) {
            String why = PYTHON + " with statsmodels, scipy and pandas is needed (Debian python3-statsmodels)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        StringBuilder csv = new StringBuilder("age_band,method,group,specialty,y,n,p\n");
        for (CaseMixModel.Cell c : cells) {
            csv.append(String.join(",", c.levels()))
                    .append(String.format(
                            Locale.ROOT,
                            ",%.0f,%.0f,%.17g%n",
                            c.events(),
                            c.discharges(),
                            model.probability(c.levels())));
        }
        Path data = dir.resolve("cells.csv");
        Files.writeString(data, csv.toString(), StandardCharsets.UTF_8);
        Path script = dir.resolve("casemix_statsmodels.py");
        try (InputStream in = getClass().getResourceAsStream("/spells/casemix_statsmodels.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), data.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        Map<String, List<String>> out = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length >= 2) {
                String key = parts[0].equals("fitted") ? parts[0] + " " + parts[1] : parts[0];
                out.put(key, new ArrayList<>(List.of(parts[parts.length - 1])));
            }
        }
        return out;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
