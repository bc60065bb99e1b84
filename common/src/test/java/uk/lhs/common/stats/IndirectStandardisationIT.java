package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.IndirectStandardisation.Cell;

/**
 * Reproduces PHEindicatormethods' ISR test tables (commit 093fd288, /work/shared/reference/peers/PHEindicatormethods;
 * rows per its README: test_ISR_ownref / test_ISR_refdata give test_ISR_results rows 1-12, test_err2 with the
 * reference data rows 13-16) to their printed precision.
 */
class IndirectStandardisationIT {
    private final List<String> mismatches = new ArrayList<>();
    private int compared;

    private void check(String what, double actual, String printed) {
        if (Csv.number(printed) != Csv.number(printed)) {
            return; // NA in the reference: that level was not computed there
        }
        compared++;
        if (!Reference.matches(actual, printed)) {
            mismatches.add(what + ": expected " + printed + " got " + actual);
        }
    }

    /** Observed totals and cells per area, from a table with the area's counts and populations per age band. */
    private static Map<String, List<Cell>> cells(
            List<Map<String, String>> rows, String pop, List<Map<String, String>> reference) {
        Map<String, List<Cell>> out = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            List<Cell> area = out.computeIfAbsent(r.get("area"), a -> new ArrayList<>());
            // Reference rows are in age-band order, one per band, as each area's rows are.
            Map<String, String> ref = reference.get(area.size());
            area.add(new Cell(Csv.number(r.get(pop)), Csv.number(ref.get("refcount")), Csv.number(ref.get("refpop"))));
        }
        return out;
    }

    private static Map<String, Double> observed(List<Map<String, String>> rows) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            double count = Csv.number(r.get("count"));
            // NA counts are left out of the total (R's sum(..., na.rm = TRUE)).
            out.merge(r.get("area"), Double.isNaN(count) ? 0.0 : count, Double::sum);
        }
        return out;
    }

    private void compare(String area, Estimate e95, Estimate e998, Map<String, String> expected, String label) {
        check(label + " " + area + " value", e95.value(), expected.get("value"));
        check(label + " " + area + " lower95", e95.lower(), expected.get("lower95_0cl"));
        check(label + " " + area + " upper95", e95.upper(), expected.get("upper95_0cl"));
        check(label + " " + area + " lower99.8", e998.lower(), expected.get("lower99_8cl"));
        check(label + " " + area + " upper99.8", e998.upper(), expected.get("upper99_8cl"));
        String method = expected.get("method");
        assertEquals(
                method.equals("Byars") ? Estimate.CiMethod.BYAR : Estimate.CiMethod.EXACT,
                e95.method(),
                label + " " + area + " method");
    }

    @Test
    void ratiosAndRatesReproduceTestIsrResults() throws IOException {
        List<Map<String, String>> results =
                Reference.phe("test_ISR_results.csv").maps();
        List<Map<String, String>> own = Reference.phe("test_ISR_ownref.csv").maps();
        Map<String, Double> observed = observed(own);
        // The reference rates two ways: in the area table itself (ownref) and as a separate table (refdata).
        List<Map<String, Map<String, List<Cell>>>> sources = List.of(
                Map.of("ownref", cells(own, "pop", own)),
                Map.of(
                        "refdata",
                        cells(own, "pop", Reference.phe("test_ISR_refdata.csv").maps())));
        for (Map<String, Map<String, List<Cell>>> source : sources) {
            Map.Entry<String, Map<String, List<Cell>>> s =
                    source.entrySet().iterator().next();
            for (int r = 0; r < 12; r++) {
                Map<String, String> expected = results.get(r);
                String area = expected.get("area");
                List<Cell> cells = s.getValue().get(area);
                double o = observed.get(area);
                check(
                        s.getKey() + " row " + (r + 1) + " expected",
                        IndirectStandardisation.expected(cells),
                        expected.get("expected"));
                String statistic = expected.get("statistic");
                if (statistic.startsWith("indirectly standardised rate")) {
                    double per = statistic.endsWith("100000") ? 100000 : 1000;
                    compare(
                            area,
                            IndirectStandardisation.rate(o, cells, 0.95, per),
                            IndirectStandardisation.rate(o, cells, 0.998, per),
                            expected,
                            s.getKey() + " row " + (r + 1));
                } else {
                    double mult = statistic.endsWith("x 100") ? 100 : 1;
                    compare(
                            area,
                            IndirectStandardisation.ratio(o, cells, 0.95, mult),
                            IndirectStandardisation.ratio(o, cells, 0.998, mult),
                            expected,
                            s.getKey() + " row " + (r + 1));
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " differ: " + mismatches);
        // 12 rows × (expected, value, four limits), twice.
        assertEquals(2 * 12 * 6, compared, "number of reference values compared");
    }

    @Test
    void aZeroPopulationCellAddsNothingAsInTestErr2() throws IOException {
        List<Map<String, String>> results =
                Reference.phe("test_ISR_results.csv").maps();
        List<Map<String, String>> err2 = Reference.phe("test_err2.csv").maps();
        Map<String, List<Cell>> cells =
                cells(err2, "pop", Reference.phe("test_ISR_refdata.csv").maps());
        Map<String, Double> observed = observed(err2);
        for (int r = 12; r < 16; r++) {
            Map<String, String> expected = results.get(r);
            String area = expected.get("area");
            double o = observed.get(area);
            List<Cell> c = cells.get(area);
            check("row " + (r + 1) + " expected", IndirectStandardisation.expected(c), expected.get("expected"));
            boolean rate = expected.get("statistic").startsWith("indirectly standardised rate");
            compare(
                    area,
                    rate
                            ? IndirectStandardisation.rate(o, c, 0.95, 100000)
                            : IndirectStandardisation.ratio(o, c, 0.95, 100),
                    rate
                            ? IndirectStandardisation.rate(o, c, 0.998, 100000)
                            : IndirectStandardisation.ratio(o, c, 0.998, 100),
                    expected,
                    "err2 row " + (r + 1));
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " differ: " + mismatches);
        // 4 rows × (expected, value, two 95% limits); the 99.8% limits are NA there.
        assertEquals(4 * 4, compared, "number of reference values compared");
    }
}
