package uk.lhs.common.sources;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.text.Hashing;

/**
 * A CSV file tokenised into records, as NHS England publishes them: RFC 4180 quoting (embedded commas, doubled
 * quotes, newlines inside quotes), an optional UTF-8 byte-order mark, CRLF / LF / CR line ends in any mix, blank
 * lines (skipped and counted), a last line with or without a terminator, and a last record cut off inside a quoted
 * field (kept, marked incomplete, so the parser can quarantine it). Trailing empty columns are kept as they are.
 *
 * @param fileName the file's name (used in every message)
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param records every non-blank record in file order, the first being the header when the dataset has one
 * @param blankRecordsSkipped records that were empty or held only empty fields (e.g. {@code ,,,,})
 * @param hadBom whether the file began with a UTF-8 byte-order mark
 * @param endsWithNewline whether the last record was terminated by a line end
 */
public record RawCsv(
        String fileName,
        String sha256,
        List<RawRow> records,
        int blankRecordsSkipped,
        boolean hadBom,
        boolean endsWithNewline) {

    /** Share of control characters above which a file is called binary rather than text. */
    private static final double MAX_CONTROL_CHAR_SHARE = 0.01;

    public RawCsv {
        records = List.copyOf(records);
    }

    /** Reads and tokenises {@code file}; throws {@link SourceFileException} when it is not CSV text. */
    public static RawCsv read(Path file) {
        String name = file.getFileName().toString();
        try {
            return parse(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SourceFileException(
                    name, "cannot be read (" + e.getMessage() + ")", "check the path and permissions");
        }
    }

    /**
     * Tokenises {@code bytes}.
     *
     * @throws SourceFileException the file is empty, binary, or not UTF-8
     */
    public static RawCsv parse(String fileName, byte[] bytes) {
        String sha = Hashing.sha256(bytes);
        if (bytes.length == 0) {
            throw new SourceFileException(
                    fileName,
                    "file is empty (0 bytes)",
                    "re-download the publication; an empty file is never a valid extract");
        }
        boolean bom = bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        int start = bom ? 3 : 0;
        if (bytes.length >= 2
                && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                        || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            throw new SourceFileException(
                    fileName,
                    "UTF-16 text (byte-order mark " + String.format("%02X%02X", bytes[0] & 0xFF, bytes[1] & 0xFF)
                            + "), not UTF-8",
                    "re-save the file as CSV UTF-8");
        }
        checkNotBinary(fileName, bytes, start);
        String text = decodeUtf8(fileName, bytes, start);
        Tokeniser t = new Tokeniser(text);
        t.run();
        if (t.records.isEmpty()) {
            throw new SourceFileException(
                    fileName,
                    "file holds no data (only blank lines)",
                    "re-download the publication; an empty file is never a valid extract");
        }
        return new RawCsv(fileName, sha, t.records, t.blank, bom, t.endsWithNewline);
    }

    /** The first record's fields (the header, for datasets that have one). */
    public String[] header() {
        return records.get(0).values();
    }

    /** Every record after the first. */
    public List<RawRow> dataRows() {
        return records.subList(1, records.size());
    }

    private static void checkNotBinary(String fileName, byte[] bytes, int start) {
        int control = 0;
        for (int i = start; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                throw new SourceFileException(
                        fileName,
                        "binary content (NUL byte at offset " + i + "), not CSV text",
                        "supply the CSV export of the publication, not a spreadsheet or archive");
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                control++;
            }
        }
        if (control > MAX_CONTROL_CHAR_SHARE * (bytes.length - start)) {
            throw new SourceFileException(
                    fileName,
                    "binary content (" + control + " control bytes in " + (bytes.length - start) + "), not CSV text",
                    "supply the CSV export of the publication, not a spreadsheet or archive");
        }
    }

    private static String decodeUtf8(String fileName, byte[] bytes, int start) {
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return dec.decode(in).toString();
        } catch (CharacterCodingException e) {
            int offset = firstInvalidUtf8(bytes, start);
            throw new SourceFileException(
                    fileName,
                    "not UTF-8 text (invalid byte 0x" + String.format("%02X", bytes[offset] & 0xFF) + " at offset "
                            + offset + ")",
                    "re-save the file as UTF-8 (it is probably Windows-1252)");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes, int start) {
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        dec.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    /** RFC 4180 state machine over the decoded text; tracks physical line numbers. */
    private static final class Tokeniser {
        private final String s;
        private final List<RawRow> records = new ArrayList<>();
        private int blank;
        private boolean endsWithNewline;

        Tokeniser(String s) {
            this.s = s;
        }

        void run() {
            int i = 0;
            int line = 1;
            int n = s.length();
            List<String> fields = new ArrayList<>();
            StringBuilder quoted = new StringBuilder();
            while (i < n) {
                int recordStart = i;
                int recordLine = line;
                fields.clear();
                boolean complete = true;
                boolean allEmpty = true;
                int recordEnd;
                while (true) {
                    String field;
                    if (i < n && s.charAt(i) == '"') {
                        // RFC 4180 quoted field: "" is a quote; commas and line ends are data until the closing quote.
                        quoted.setLength(0);
                        i++;
                        boolean closed = false;
                        while (i < n) {
                            char c = s.charAt(i);
                            if (c == '"') {
                                if (i + 1 < n && s.charAt(i + 1) == '"') {
                                    quoted.append('"');
                                    i += 2;
                                    continue;
                                }
                                i++;
                                closed = true;
                                break;
                            }
                            if (c == '\n' || (c == '\r' && (i + 1 >= n || s.charAt(i + 1) != '\n'))) {
                                line++;
                            }
                            quoted.append(c);
                            i++;
                        }
                        complete &= closed;
                        // Lenient: text between the closing quote and the next separator is kept.
                        int j = i;
                        while (j < n && s.charAt(j) != ',' && s.charAt(j) != '\r' && s.charAt(j) != '\n') {
                            j++;
                        }
                        quoted.append(s, i, j);
                        i = j;
                        field = quoted.toString();
                    } else {
                        int j = i;
                        while (j < n) {
                            char c = s.charAt(j);
                            if (c == ',' || c == '\r' || c == '\n') {
                                break;
                            }
                            j++;
                        }
                        field = s.substring(i, j);
                        i = j;
                    }
                    fields.add(field);
                    allEmpty &= field.isEmpty();
                    if (i >= n) {
                        recordEnd = n;
                        endsWithNewline = false;
                        break;
                    }
                    char c = s.charAt(i);
                    if (c == ',') {
                        i++;
                        continue;
                    }
                    recordEnd = i;
                    i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
                    line++;
                    endsWithNewline = true;
                    break;
                }
                if (allEmpty) {
                    blank++;
                } else {
                    records.add(new RawRow(
                            recordLine, fields.toArray(new String[0]), s.substring(recordStart, recordEnd), complete));
                }
            }
        }
    }
}
