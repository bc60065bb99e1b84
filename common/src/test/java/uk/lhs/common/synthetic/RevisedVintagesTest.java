package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.text.Hashing;

/** {@code lhs generate --revise-months}: a few providers revised, TOTAL rows consistent, every change in the truth. */
class RevisedVintagesTest {
    @TempDir
    static Path tmp;

    static Path out;
    static GeneratorOptions opts;

    @BeforeAll
    static void generate() {
        opts = Fixtures.small(10);
        out = tmp.resolve("out");
        SyntheticGenerator.generate(opts, out, 2);
    }

    @Test
    void theLastMonthsAreRevisedByAFewProvidersWithTheTotalRowKeptConsistent() throws Exception {
        List<String> truth = Fixtures.lines(out.resolve(RevisedVintages.TRUTH));
        assertEquals(RevisedVintages.TRUTH_HEADER, truth.get(0));
        assertEquals(1 + 2 * 2 * RevisedVintages.PROVIDERS, truth.size(), "two cells per provider, two months");
        for (int i = opts.months() - 2; i < opts.months(); i++) {
            YearMonth m = opts.month(i);
            Path first = out.resolve("ae/Monthly-AE-" + m + ".csv");
            Path revised = out.resolve("revised/ae/Monthly-AE-" + m + ".csv");
            List<String> a = Fixtures.lines(first);
            List<String> b = Fixtures.lines(revised);
            assertEquals(a.size(), b.size());
            long[] providerDelta = new long[2];
            long[] totalDelta = new long[2];
            int changedProviders = 0;
            for (int r = 1; r < a.size(); r++) {
                if (a.get(r).equals(b.get(r))) {
                    continue;
                }
                List<String> x = CsvLine.split(a.get(r));
                List<String> y = CsvLine.split(b.get(r));
                long dAtt = Long.parseLong(y.get(4)) - Long.parseLong(x.get(4));
                long dOver = Long.parseLong(y.get(10)) - Long.parseLong(x.get(10));
                if (x.get(1).equalsIgnoreCase("total")) {
                    totalDelta = new long[] {dAtt, dOver};
                    continue;
                }
                changedProviders++;
                assertTrue(dAtt >= 1 && dAtt <= Math.max(1, Math.round(Long.parseLong(x.get(4)) * 4e-4)), a.get(r));
                assertEquals(dAtt, dOver, "the added attendances are all over 4 hours");
                providerDelta[0] += dAtt;
                providerDelta[1] += dOver;
                for (int c = 0; c < x.size(); c++) {
                    if (c != 4 && c != 10) {
                        assertEquals(x.get(c), y.get(c), "only two cells change: " + a.get(r));
                    }
                }
            }
            assertEquals(RevisedVintages.PROVIDERS, changedProviders, m.toString());
            assertEquals(providerDelta[0], totalDelta[0], m + ": TOTAL attendances = sum of providers");
            assertEquals(providerDelta[1], totalDelta[1], m + ": TOTAL over 4 hours = sum of providers");
            String firstSha = Hashing.sha256(Files.readAllBytes(first));
            String revisedSha = Hashing.sha256(Files.readAllBytes(revised));
            assertEquals(
                    2 * RevisedVintages.PROVIDERS,
                    truth.stream()
                            .filter(l -> l.startsWith(m + ",") && l.endsWith(firstSha + "," + revisedSha))
                            .count(),
                    m + ": the truth names both files");
        }
        assertTrue(Files.notExists(out.resolve("revised/ae/Monthly-AE-" + opts.month(opts.months() - 3) + ".csv")));
        assertTrue(Files.readString(out.resolve("MANIFEST.csv")).contains("revised/ae/Monthly-AE-"));
    }

    @Test
    void theSameSeedGivesTheSameRevision() throws Exception {
        YearMonth m = opts.endMonth();
        List<String> lines = Files.readAllLines(out.resolve("ae/Monthly-AE-" + m + ".csv"));
        List<String> one = RevisedVintages.revise(lines, Seeds.stream(7, "revised-vintage", 1), m, new ArrayList<>());
        List<String> two = RevisedVintages.revise(lines, Seeds.stream(7, "revised-vintage", 1), m, new ArrayList<>());
        assertEquals(one, two);
    }

    @Test
    void moreMonthsThanGeneratedAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SyntheticGenerator.generate(opts, tmp.resolve("too-many"), opts.months() + 1));
        assertTrue(e.getMessage().contains("--revise-months"), e.getMessage());
    }
}
