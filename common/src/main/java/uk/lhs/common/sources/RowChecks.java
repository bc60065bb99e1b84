package uk.lhs.common.sources;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Checks shared by every typed parser. */
public final class RowChecks {
    private RowChecks() {}

    /** Row-shape problems: cut off inside quotes, or a field count different from the header's. */
    public static Optional<QuarantineEntry> shape(RawCsv csv, RawRow row, int headerSize) {
        if (!row.complete()) {
            return Optional.of(QuarantineEntry.of(csv, row, "(row)", "truncated: the file ends inside a quoted field"));
        }
        if (row.size() < headerSize) {
            return Optional.of(QuarantineEntry.of(
                    csv,
                    row,
                    "(row)",
                    "has " + row.size() + " fields but the header has " + headerSize
                            + " (truncated or missing columns)"));
        }
        if (row.size() > headerSize) {
            return Optional.of(QuarantineEntry.of(
                    csv,
                    row,
                    "(row)",
                    "has " + row.size() + " fields but the header has " + headerSize + " (extra columns)"));
        }
        return Optional.empty();
    }

    /** Organisation-code problem, if any, for a required code column. */
    public static Optional<String> orgCode(String value) {
        if (OrgCodes.isWellFormed(value)) {
            return Optional.empty();
        }
        return Optional.of("malformed organisation code '" + value + "' (expected " + OrgCodes.PATTERN + ")");
    }

    /** Remembers keys; reports the row a repeated key was first seen on. */
    public static final class Duplicates {
        private final Map<String, Integer> seen = new HashMap<>();

        /** Empty the first time {@code key} is offered, otherwise the first row number. */
        public Optional<Integer> firstSeen(String key, int rowNumber) {
            Integer first = seen.putIfAbsent(key, rowNumber);
            return Optional.ofNullable(first);
        }
    }
}
