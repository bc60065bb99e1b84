package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.OrgReferenceParser;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.aemonthly.AeMonthlyProviderParser;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.sources.aemonthly.AeReconciliation;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteProviderParser;
import uk.lhs.common.text.CsvLine;

/**
 * The project's ingest readers (package {@code sources}, written from the real files) read the synthetic files: they
 * reject exactly the rows recorded in {@code truth/injected_defects.csv} and accept everything else; A&amp;E TOTAL rows
 * reconcile wherever no row was damaged; the merger resolves to its successor.
 */
class SourcesCompatibilityTest {
    @TempDir
    static Path tmp;

    static Path out;
    static GeneratorOptions opts;
    /** file -> number of damaged rows (missing rows are not damaged rows). */
    static final Map<String, Integer> DAMAGED = new HashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        opts = Fixtures.small(10);
        out = tmp.resolve("out");
        SyntheticGenerator.generate(opts, out);
        List<String> lines = Fixtures.lines(out.resolve("truth/injected_defects.csv"));
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = CsvLine.split(l);
            if (!f.get(3).equals("missing_org_month")) {
                DAMAGED.merge(f.get(0), 1, Integer::sum);
            }
        }
        assertFalse(DAMAGED.isEmpty());
    }

    @Test
    void aeReaderAcceptsAllButTheDamagedRows() {
        for (int i = 0; i < opts.months(); i++) {
            String name = "ae/Monthly-AE-" + opts.month(i) + ".csv";
            ParseResult<AeProviderMonth> r = AeMonthlyProviderParser.parse(out.resolve(name));
            int damaged = DAMAGED.getOrDefault(name, 0);
            assertEquals(damaged, r.quarantine().size(), name + " quarantine " + r.quarantine());
            assertEquals(1, r.controls().size(), name + " has one TOTAL control row");
            LocalDate month = opts.month(i).atDay(1);
            assertTrue(r.records().stream().allMatch(a -> a.periodStart().equals(month)), name + " period");
            boolean reconciled = AeReconciliation.reconcile(r).reconciled();
            assertEquals(damaged == 0, reconciled, name + ": TOTAL reconciles exactly when no row was rejected");
        }
    }

    @Test
    void rttReaderAcceptsAllButTheDamagedRows() {
        for (int i = 0; i < opts.months(); i++) {
            String name = "rtt/RTT-Incomplete-Provider-" + opts.month(i) + ".csv";
            ParseResult<RttIncompleteProvider> r = RttIncompleteProviderParser.parse(out.resolve(name));
            assertEquals(DAMAGED.getOrDefault(name, 0), r.quarantine().size(), name + " quarantine " + r.quarantine());
            List<RttIncompleteProvider> totals = new ArrayList<>();
            for (RttIncompleteProvider p : r.records()) {
                assertEquals(opts.month(i).atDay(1), p.periodStart());
                if (p.isAllFunctions()) {
                    totals.add(p);
                    RttStats s = RttStats.of(p.bands());
                    assertEquals(s.total(), p.total());
                    assertEquals(s.medianTenths() / 10.0, p.publishedMedianWeeks(), 1e-9);
                }
            }
            assertTrue(totals.size() >= opts.trusts() - 2, name + " provider totals " + totals.size());
        }
    }

    @Test
    void referenceFilesParseWithoutQuarantineAndTheMergerResolves() throws IOException {
        Path ref = out.resolve("reference");
        OrgReference orgs = OrgReference.of(
                OrgReferenceParser.parseOdsEtr(RawCsv.read(ref.resolve("ods_etr.csv"))),
                OrgReferenceParser.parseSystemMapping(RawCsv.read(ref.resolve("System-Mapping.csv"))),
                OrgReferenceParser.parseSuccessors(RawCsv.read(ref.resolve("org_successors.csv"))));
        assertTrue(orgs.quarantine().isEmpty(), orgs.quarantine().toString());
        assertEquals(
                opts.trusts(),
                orgs.all().stream().filter(o -> o.code().startsWith("Z")).count());
        List<String> succ =
                CsvLine.split(Fixtures.lines(ref.resolve("org_successors.csv")).get(1));
        LocalDate effective = LocalDate.parse(succ.get(2));
        assertEquals(succ.get(1), orgs.currentCode(succ.get(0), effective));
        assertEquals(succ.get(0), orgs.currentCode(succ.get(0), effective.minusDays(1)));
    }
}
