package uk.lhs.common.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Minimal CSV text helpers (RFC 4180 quoting) shared by the writers; output is byte-for-byte deterministic. */
final class CsvText {
    /** UTF-8 byte-order mark, which the real RTT files start with. */
    static final String BOM = "\uFEFF";

    private CsvText() {}

    /** Quotes a field only when it contains a comma, quote or line break (as the NHS England files do). */
    static String field(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Always quotes (the ODS etr file quotes every field). */
    static String quoted(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Joins already-formatted fields with commas. */
    static String join(List<String> fields) {
        return String.join(",", fields);
    }

    /** Opens a UTF-8 writer, creating parent folders. */
    static BufferedWriter open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes lines with the given line terminator after each line. */
    static void writeLines(Path file, List<String> lines, String eol) {
        try (BufferedWriter w = open(file)) {
            for (String line : lines) {
                w.write(line);
                w.write(eol);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
