package uk.lhs.common.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.testing.SharedData;

/**
 * Small generator runs and file helpers shared by the synthetic-data tests (fields are split by
 * {@link uk.lhs.common.text.CsvLine}, the one CSV splitter; {@link #splitRaw} keeps each field's raw text).
 */
final class Fixtures {
    private Fixtures() {}

    /** Small but complete options: 14 trusts, 12 months to 2025-03, the given spells, 1,000 spells per part. */
    static GeneratorOptions small(long spells) {
        return GeneratorOptions.defaults()
                .withSize(GeneratorOptions.MIN_TRUSTS, GeneratorOptions.MIN_MONTHS, spells)
                .withSpellFiles(1_000, SharedData.repoRoot().resolve("conf/schemas/spell.avsc"));
    }

    /** Splits one CSV line keeping each field's raw text (quotes included). */
    static List<String> splitRaw(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    /** All lines of a UTF-8 file, with a leading BOM removed. */
    static List<String> lines(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && lines.get(0).startsWith(CsvText.BOM)) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }

    /** The first line exactly as stored (BOM kept). */
    static String firstLineRaw(Path p) throws IOException {
        String all = Files.readString(p, StandardCharsets.UTF_8);
        int end = all.indexOf('\n');
        String line = end < 0 ? all : all.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
