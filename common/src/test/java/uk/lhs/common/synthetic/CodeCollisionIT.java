package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.text.CsvLine;

/** No synthetic organisation code or name collides with any code or name in the real NHS files. */
class CodeCollisionIT {

    @Test
    void syntheticCodesAndNamesNeverCollideWithRealOnes(@TempDir Path tmp) throws IOException {
        Set<String> realCodes = new HashSet<>();
        Set<String> realNames = new HashSet<>();
        for (String l : Fixtures.lines(SharedData.path("data/org_reference/ods_etr.csv"))) {
            List<String> f = CsvLine.split(l.replace("\r", ""));
            realCodes.addAll(List.of(f.get(0), f.get(2), f.get(3)));
            realNames.add(f.get(1).toUpperCase());
        }
        List<String> mapping = Fixtures.lines(SharedData.path("data/org_reference/System-Mapping_trust_to_ICB.csv"));
        for (String l : mapping.subList(1, mapping.size())) {
            List<String> f = CsvLine.split(l);
            realCodes.addAll(List.of(f.get(0), f.get(2)));
            realNames.add(f.get(1).toUpperCase());
        }
        for (Path p : csvFiles(SharedData.path("data/ae_monthly_provider"))) {
            List<String> lines = Fixtures.lines(p);
            for (String l : lines.subList(1, lines.size())) {
                List<String> f = CsvLine.split(l);
                realCodes.add(f.get(1).trim());
                realNames.add(f.get(3).trim().toUpperCase());
            }
        }
        for (Path p : csvFiles(SharedData.path("data/rtt_incomplete_provider"))) {
            List<String> lines = Fixtures.lines(p);
            for (String l : lines.subList(1, lines.size())) {
                List<String> f = CsvLine.split(l);
                realCodes.addAll(List.of(f.get(0), f.get(1)));
                realNames.add(f.get(2).toUpperCase());
            }
        }
        assertTrue(realCodes.size() > 250, "real codes read: " + realCodes.size());

        GeneratorOptions opts = Fixtures.small(10).withSize(GeneratorOptions.MAX_TRUSTS, 12, 10);
        Organisations orgs = Organisations.build(opts);
        Set<String> synthetic = new HashSet<>();
        orgs.regions().forEach(r -> synthetic.add(r.code()));
        orgs.icbs().forEach(i -> synthetic.add(i.code()));
        for (Organisations.Trust t : orgs.trusts()) {
            assertTrue(t.code().matches("Z[A-Z0-9]{2}"), "well-formed 3-character trust code: " + t.code());
            assertTrue(synthetic.add(t.code()), "unique code " + t.code());
            assertTrue(t.name().startsWith("SYNTHETIC "), t.name());
            assertTrue(!realNames.contains(t.name()), t.name());
        }
        assertEquals(Organisations.REGIONS + Organisations.ICBS + GeneratorOptions.MAX_TRUSTS, synthetic.size());
        Set<String> clash = new HashSet<>(synthetic);
        clash.retainAll(realCodes);
        assertTrue(clash.isEmpty(), "synthetic codes that are real: " + clash);

        // And the codes actually written to the files are exactly those.
        SyntheticGenerator.generate(Fixtures.small(10), tmp.resolve("out"));
        for (String l : Fixtures.lines(tmp.resolve("out/reference/ods_etr.csv"))) {
            List<String> f = CsvLine.split(l.replace("\r", ""));
            for (String code : List.of(f.get(0), f.get(2), f.get(3))) {
                assertTrue(synthetic.contains(code) && !realCodes.contains(code), code);
            }
        }
    }

    private static List<Path> csvFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }
}
