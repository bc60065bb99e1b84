package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed gives byte-identical output (including Parquet); another seed gives different data. */
class DeterminismTest {

    @Test
    void sameSeedGivesByteIdenticalFiles(@TempDir Path tmp) throws IOException {
        GeneratorOptions opts = Fixtures.small(2_500);
        GeneratorSummary a = SyntheticGenerator.generate(opts, tmp.resolve("a"));
        GeneratorSummary b = SyntheticGenerator.generate(opts, tmp.resolve("b"));
        List<String> filesA = relativeFiles(tmp.resolve("a"));
        List<String> filesB = relativeFiles(tmp.resolve("b"));
        assertEquals(filesA, filesB);
        assertTrue(filesA.contains("spells/spells-part-00002.parquet"), "2,500 spells at 1,000 a part make 3 parts");
        assertFalse(filesA.contains("spells/spells-part-00003.parquet"));
        for (String f : filesA) {
            assertArrayEquals(
                    Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    Files.readAllBytes(tmp.resolve("b").resolve(f)),
                    f + " differs between two runs with the same seed");
        }
        assertEquals(a.files(), b.files());
        assertEquals(2_500, a.spells());
        assertEquals(2_500, a.rows("spells/spells-part-"));
        // The manifest lists every other file with its real size and hash.
        List<String> manifest = Files.readAllLines(tmp.resolve("a").resolve(Manifest.NAME));
        assertEquals(filesA.size(), manifest.size(), "header + every file except the manifest itself");
        for (GeneratorSummary.WrittenFile f : a.files()) {
            Path p = tmp.resolve("a").resolve(f.path());
            assertEquals(Files.size(p), f.bytes());
            assertEquals(Manifest.sha256(p), f.sha256());
            assertTrue(manifest.contains(f.path() + "," + f.bytes() + "," + f.sha256()), f.path());
        }
    }

    @Test
    void anotherSeedGivesOtherData(@TempDir Path tmp) throws IOException {
        GeneratorOptions opts = Fixtures.small(500);
        SyntheticGenerator.generate(opts, tmp.resolve("a"));
        SyntheticGenerator.generate(opts.withSeed(43), tmp.resolve("b"));
        for (String f : List.of(
                "ae/Monthly-AE-2024-06.csv",
                "rtt/RTT-Incomplete-Provider-2024-06.csv",
                "spells/spells-part-00000.parquet",
                "truth/trust_readmission_effects.csv")) {
            assertNotEquals(
                    Files.readString(tmp.resolve("a").resolve(f), java.nio.charset.StandardCharsets.ISO_8859_1),
                    Files.readString(tmp.resolve("b").resolve(f), java.nio.charset.StandardCharsets.ISO_8859_1),
                    f);
        }
    }

    @Test
    void refusesANonEmptyFolder(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("old.csv"), "x");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SyntheticGenerator.generate(Fixtures.small(10), tmp));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    @Test
    void rejectsTooSmallOptionsWithAFix() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GeneratorOptions.defaults().withSize(5, 36, 100));
        assertTrue(e.getMessage().contains("--trusts 14"), e.getMessage());
        GeneratorOptions d = GeneratorOptions.defaults();
        assertEquals(42, d.seed());
        assertEquals(120, d.trusts());
        assertEquals(36, d.months());
        assertEquals(java.time.YearMonth.of(2022, 4), d.startMonth());
        assertEquals(200_000, d.spells());
    }

    private static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
