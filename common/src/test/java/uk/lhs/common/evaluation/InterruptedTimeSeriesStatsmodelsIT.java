package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.text.CsvLine;

/**
 * Cross-checks {@link InterruptedTimeSeries} against an independent statsmodels fit to 1e-6 — coefficients, HAC
 * standard errors, p-values, 95% intervals, Durbin–Watson and the residual lag-1 autocorrelation — in both forms:
 * plain {@code OLS(...).fit(cov_type='HAC', cov_kwds={'maxlags': L})} (normal inference) and the small-sample form
 * {@code cov_kwds={'maxlags': L, 'use_correction': True}, use_t=True}.
 */
class InterruptedTimeSeriesStatsmodelsIT {
    private static final double TOL = 1e-6;

    @TempDir
    Path dir;

    /**
     * England-wide (sum over the 42 ICBs) A&E % seen within 4 hours, all types, Apr 2022 – Jan 2024, as
     * Σ(under 4 h) / (Σ(under 4 h) + Σ(over 4 h)) — the ratio that reproduces each row's published percentage.
     */
    static List<MonthlyValue> englandFourHourFromIcbFiles() throws IOException {
        Path folder = SharedData.path("data/ae_icb_level");
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().matches("AE-ICB-\\d{4}-\\d{2}\\.csv"))
                    .sorted()
                    .toList();
        }
        List<MonthlyValue> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            LocalDate month = LocalDate.parse(name.substring(7, 14) + "-01");
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            List<String> header = CsvLine.split(lines.get(0).replace("\uFEFF", ""));
            int under = header.indexOf("Attendances under 4 hours (Total)");
            int over = header.indexOf("Attendances over 4 hours (Total)");
            assertTrue(under >= 0 && over >= 0, "columns present in " + name);
            double sumUnder = 0;
            double sumOver = 0;
            int rows = 0;
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = CsvLine.split(line);
                sumUnder += number(cells.get(under));
                sumOver += number(cells.get(over));
                rows++;
            }
            assertEquals(42, rows, "ICB rows in " + name);
            out.add(new MonthlyValue(month, 100 * sumUnder / (sumUnder + sumOver), sumUnder, sumUnder + sumOver));
        }
        return out;
    }

    private static double number(String cell) {
        String c = cell.replace(",", "").trim();
        return c.equals("-") || c.isEmpty() ? 0 : Double.parseDouble(c);
    }

    @Test
    void realEnglandFourHourSeriesAndSeasonalSyntheticSeriesMatchStatsmodels() throws Exception {
        List<MonthlyValue> real = englandFourHourFromIcbFiles();
        assertEquals(22, real.size());
        LocalDate start = LocalDate.of(2023, 4, 1);
        LocalDate early = LocalDate.of(2022, 11, 1);
        List<MonthlyValue> seasonal = seasonalSyntheticSeriesWithGap();
        LocalDate seasonalStart = LocalDate.of(2019, 4, 1).plusMonths(30);
        List<StatsmodelsRunner.Case> cases = new ArrayList<>();
        for (boolean smallSample : new boolean[] {false, true}) {
            cases.add(new StatsmodelsRunner.Case(real, start, start, 2, smallSample));
            cases.add(new StatsmodelsRunner.Case(real, start, start.plusMonths(1), 3, smallSample));
            cases.add(new StatsmodelsRunner.Case(real, early, early, 0, smallSample));
            cases.add(new StatsmodelsRunner.Case(seasonal, seasonalStart, seasonalStart, 3, smallSample));
        }
        List<Map<String, List<String>>> answers = StatsmodelsRunner.fit(dir, cases);
        for (int i = 0; i < cases.size(); i++) {
            ItsResult r = assertMatches(cases.get(i), answers.get(i));
            if (cases.get(i).series() == seasonal) {
                assertTrue(r.seasonal(), "29 pre months -> month-of-year dummies");
                assertEquals(15, r.columns().size());
            }
        }
    }

    /** 42 months (one missing) of AR(1) noise around a trend, a sine season and a shift of 4 at month 30. */
    private static List<MonthlyValue> seasonalSyntheticSeriesWithGap() {
        Random rnd = new Random(20240601L);
        List<MonthlyValue> series = new ArrayList<>();
        LocalDate origin = LocalDate.of(2019, 4, 1);
        double e = 0;
        for (int i = 0; i < 42; i++) {
            e = 0.5 * e + rnd.nextGaussian();
            double y = 70 + 0.1 * i + 3 * Math.sin(2 * Math.PI * i / 12) + (i >= 30 ? 4 : 0) + e;
            if (i != 11) {
                series.add(MonthlyValue.of(origin.plusMonths(i), y));
            }
        }
        return series;
    }

    private static double num(Map<String, List<String>> py, String key, int index) {
        return Double.parseDouble(py.get(key).get(index));
    }

    private static ItsResult assertMatches(StatsmodelsRunner.Case c, Map<String, List<String>> py) {
        boolean smallSample = c.smallSample();
        int lag = c.maxLags();
        SeriesWindow w = SeriesWindow.of(c.series(), c.start(), c.firstPost());
        ItsResult java = InterruptedTimeSeries.fit(w, lag, 0.05, smallSample ? HacForm.SMALL_SAMPLE : HacForm.PLAIN);
        assertEquals(List.of(smallSample ? "1" : "0"), py.get("use_t"), "statsmodels reference distribution");
        assertEquals(
                smallSample ? java.nPre() + java.nPost() - java.columns().size() : Double.POSITIVE_INFINITY,
                java.df(),
                "reference df");
        assertEquals(java.columns().size(), py.get("columns").size());
        for (int j = 0; j < java.columns().size(); j++) {
            String what = java.columns().get(j) + " (lag " + lag + ", first post " + c.firstPost() + ", small sample "
                    + smallSample + ")";
            assertEquals(py.get("columns").get(j), java.columns().get(j));
            assertEquals(num(py, "params", j), java.coefficients()[j], TOL, "coefficient " + what);
            assertEquals(num(py, "bse", j), java.standardErrors()[j], TOL, "HAC se " + what);
        }
        int level = InterruptedTimeSeries.LEVEL;
        assertEquals(num(py, "pvalues", level), java.levelP(), TOL, "level p");
        assertEquals(num(py, "conf_int_lower", level), java.levelCiLower(), TOL, "level ci lower");
        assertEquals(num(py, "conf_int_upper", level), java.levelCiUpper(), TOL, "level ci upper");
        assertEquals(num(py, "pvalues", InterruptedTimeSeries.SLOPE_CHANGE), java.slopeP(), TOL);
        assertEquals(num(py, "pvalues", 1), java.preSlopeP(), TOL);
        assertEquals(num(py, "durbin_watson", 0), java.durbinWatson(), TOL, "Durbin-Watson");
        assertEquals(num(py, "acf1", 0), java.lag1Autocorrelation(), TOL, "lag-1 ACF");
        // The conservative form's interval uses max(HAC, conventional) standard errors; the conventional one is
        // statsmodels' non-robust OLS bse (s^2 = RSS / (n - k)).
        if (smallSample) {
            ItsResult conservative = InterruptedTimeSeries.fit(w, lag, 0.05, HacForm.CONSERVATIVE);
            double se = Math.max(num(py, "bse", level), num(py, "bse_nonrobust", level));
            double half = new org.apache.commons.math3.distribution.TDistribution(java.df())
                            .inverseCumulativeProbability(0.975)
                    * se;
            assertEquals(java.levelChange() - half, conservative.levelCiLower(), TOL, "conservative ci lower");
            assertEquals(java.levelChange() + half, conservative.levelCiUpper(), TOL, "conservative ci upper");
            assertEquals(java.standardErrors()[level], conservative.standardErrors()[level], TOL, "reported se is HAC");
        }
        return java;
    }
}
