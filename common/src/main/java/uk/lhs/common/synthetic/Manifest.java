package uk.lhs.common.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.lhs.common.text.Hashing;

/** Lists every file of the output with its size and SHA-256, and writes {@code MANIFEST.csv}. */
final class Manifest {
    /** Header of {@code MANIFEST.csv}. */
    static final String HEADER = "path,bytes,sha256";
    /** Name of the manifest file. */
    static final String NAME = "MANIFEST.csv";

    private Manifest() {}

    /**
     * Describes every file under {@code outDir} except the manifest, in path order.
     *
     * @param rows data rows per relative path (files not in the map get -1)
     */
    static List<GeneratorSummary.WrittenFile> describe(Path outDir, Map<String, Long> rows) {
        List<GeneratorSummary.WrittenFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(outDir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !outDir.relativize(p).toString().equals(NAME))
                    .sorted((a, b) -> relative(outDir, a).compareTo(relative(outDir, b)))
                    .toList();
            for (Path p : files) {
                String rel = relative(outDir, p);
                out.add(new GeneratorSummary.WrittenFile(rel, rows.getOrDefault(rel, -1L), Files.size(p), sha256(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + outDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Writes {@code MANIFEST.csv}. */
    static void write(Path outDir, List<GeneratorSummary.WrittenFile> files) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (GeneratorSummary.WrittenFile f : files) {
            lines.add(CsvText.field(f.path()) + "," + f.bytes() + "," + f.sha256());
        }
        CsvText.writeLines(outDir.resolve(NAME), lines, "\n");
    }

    static String relative(Path outDir, Path p) {
        return outDir.relativize(p).toString().replace('\\', '/');
    }

    /** Lower-case hex SHA-256 of a file. */
    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return Hashing.sha256(in);
        }
    }
}
