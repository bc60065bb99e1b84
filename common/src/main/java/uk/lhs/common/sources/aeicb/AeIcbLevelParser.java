package uk.lhs.common.sources.aeicb;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.lhs.common.sources.Columns;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.Periods;
import uk.lhs.common.sources.PublishedNumbers;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.RawRow;
import uk.lhs.common.sources.RowChecks;
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.sources.Sources;

/**
 * Types and validates an A&E ICB-level ("System") table exported to CSV ({@link Dataset#AE_ICB_LEVEL}); the
 * period comes from a {@code yyyy-MM} in the file name.
 *
 * <p>Row checks, first failure wins: row shape; ICB code well-formed; counts non-negative (thousands separators
 * accepted); percentages numeric or {@code -}; totals equal the sum of their types (attendances, within and over
 * 4 hours, emergency admissions via A&E) and total emergency admissions = via A&E + other; within + over 4 hours at
 * most the attendances of each type (not equal: the 4-hour counts exclude the CRS field-test trusts from May 2019
 * to May 2023, METHODOLOGY.md "A&E"); DTA over 12 h at most DTA over 4 h; no repeated ICB code. All identities hold
 * on every row of the 22 real files.
 */
public final class AeIcbLevelParser {
    /** Count columns, in file order. */
    public static final List<String> COUNT_COLUMNS = List.of(
            "Attendances (Type 1)",
            "Attendances (Type 2)",
            "Attendances (Type 3)",
            "Attendances (Total)",
            "Attendances in 4 hours or less (Type 1)",
            "Attendances in 4 hours or less (Type 2)",
            "Attendances under 4 hours (Type 3)",
            "Attendances under 4 hours (Total)",
            "Attendances over 4 hours (Type 1)",
            "Attendances over 4 hours (Type 2)",
            "Attendances over 4 hours (Type 3)",
            "Attendances over 4 hours (Total)",
            "Emergency Admissions via Type 1 A&E",
            "Emergency Admissions via Type 2 A&E",
            "Emergency Admissions via Type 3 and 4 A&E",
            "Total Emergency Admissions via A&E",
            "Other Emergency admissions (i.e not via A&E)",
            "Total Emergency Admissions",
            "Number of patients spending >4 hours from decision to admit to admission",
            "Number of patients spending >12 hours from decision to admit to admission");
    /** Published percentage columns, in file order. */
    public static final List<String> PERCENT_COLUMNS = List.of(
            "Percentage in 4 hours or less (Total)", "Percentage in 4 hours or less (Type 1)",
            "Percentage in 4 hours or less (Type 2)", "Percentage in 4 hours or less (Type 3)");

    /** Every column the file must have. */
    public static final List<String> HEADERS;

    static {
        List<String> h = new ArrayList<>(List.of("Code", "System"));
        h.addAll(COUNT_COLUMNS);
        h.addAll(PERCENT_COLUMNS);
        HEADERS = List.copyOf(h);
    }

    private static final int ATT = 0;
    private static final int WITHIN = 4;
    private static final int OVER = 8;
    private static final int EMERG = 12;
    private static final int TYPES = 3;
    private static final int OTHER_EMERG = 16;
    private static final int TOTAL_EMERG = 17;
    private static final int DTA4 = 18;
    private static final int DTA12 = 19;

    private AeIcbLevelParser() {}

    /** Reads a file and parses it with the period named in its file name ({@code ...-yyyy-MM.csv}). */
    public static ParseResult<AeIcbMonth> parse(Path file) {
        RawCsv csv = RawCsv.read(file);
        LocalDate period = Periods.fromFileName(csv.fileName())
                .orElseThrow(() -> new SourceFileException(
                        csv.fileName(),
                        "no reporting period: ICB-level tables have no period column and the name has no yyyy-MM",
                        "rename the file like AE-ICB-2023-04.csv or pass the period"));
        return parse(csv, period);
    }

    /** Parses a tokenised file for the month starting {@code periodStart}. */
    public static ParseResult<AeIcbMonth> parse(RawCsv csv, LocalDate periodStart) {
        Sources.expect(csv, Dataset.AE_ICB_LEVEL);
        Columns cols = new Columns(csv.header());
        int code = cols.required("Code");
        int name = cols.required("System");
        int[] countCol = COUNT_COLUMNS.stream().mapToInt(cols::required).toArray();
        int[] pctCol = PERCENT_COLUMNS.stream().mapToInt(cols::required).toArray();
        List<Integer> known = new ArrayList<>(List.of(code, name));
        for (int c : countCol) {
            known.add(c);
        }
        for (int c : pctCol) {
            known.add(c);
        }
        List<AeIcbMonth> out = new ArrayList<>();
        List<QuarantineEntry> q = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        for (RawRow row : csv.dataRows()) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, cols.size());
            if (bad.isEmpty()) {
                bad = RowChecks.orgCode(row.value(code)).map(r -> QuarantineEntry.of(csv, row, cols.name(code), r));
            }
            long[] c = new long[countCol.length];
            Double[] pct = new Double[pctCol.length];
            int col = -1;
            if (bad.isEmpty()) {
                try {
                    for (int i = 0; i < countCol.length; i++) {
                        col = countCol[i];
                        c[i] = PublishedNumbers.count(row.value(col), false);
                    }
                    for (int i = 0; i < pctCol.length; i++) {
                        col = pctCol[i];
                        pct[i] = PublishedNumbers.percentOrNull(row.value(col));
                    }
                } catch (PublishedNumbers.Bad e) {
                    bad = Optional.of(QuarantineEntry.of(csv, row, cols.name(col), e.getMessage()));
                }
            }
            if (bad.isEmpty()) {
                bad = identities(c)
                        .map(f -> QuarantineEntry.of(
                                csv,
                                row,
                                cols.name(countCol[f.column()]),
                                f.equality()
                                        ? "inconsistent: published " + c[f.column()] + " but its parts sum to "
                                                + f.computed()
                                        : "part exceeds total: " + f.part() + " " + f.computed() + " > "
                                                + c[f.column()]));
            }
            if (bad.isEmpty()) {
                Optional<Integer> first = dups.firstSeen(row.value(code), row.rowNumber());
                if (first.isPresent()) {
                    bad = Optional.of(QuarantineEntry.of(
                            csv,
                            row,
                            cols.name(code),
                            "duplicate: code " + row.value(code) + " already on row " + first.get()));
                }
            }
            if (bad.isPresent()) {
                q.add(bad.get());
            } else {
                out.add(new AeIcbMonth(
                        csv.fileName(),
                        row.rowNumber(),
                        periodStart,
                        row.value(code),
                        row.value(name).trim(),
                        c,
                        pct[0],
                        pct[1],
                        pct[2],
                        pct[3],
                        row.rawValues()));
            }
        }
        return new ParseResult<>(
                csv.fileName(),
                csv.sha256(),
                Dataset.AE_ICB_LEVEL,
                csv.dataRows().size(),
                out,
                List.of(),
                q,
                cols.unknownColumnNotes(known, csv.dataRows()));
    }

    /** A failed identity: the count column, whether it was an equality (else "at most"), the computed side. */
    private record Failure(int column, boolean equality, long computed, String part) {}

    /** The first failed identity, or empty. */
    private static Optional<Failure> identities(long[] c) {
        for (int start : new int[] {ATT, WITHIN, OVER, EMERG}) {
            long sum = c[start] + c[start + 1] + c[start + 2];
            if (sum != c[start + TYPES]) {
                return Optional.of(new Failure(start + TYPES, true, sum, ""));
            }
        }
        if (c[EMERG + TYPES] + c[OTHER_EMERG] != c[TOTAL_EMERG]) {
            return Optional.of(new Failure(TOTAL_EMERG, true, c[EMERG + TYPES] + c[OTHER_EMERG], ""));
        }
        for (int t = 0; t <= TYPES; t++) {
            long seen = c[WITHIN + t] + c[OVER + t];
            if (seen > c[ATT + t]) {
                return Optional.of(new Failure(ATT + t, false, seen, "within + over 4 hours"));
            }
        }
        if (c[DTA12] > c[DTA4]) {
            return Optional.of(new Failure(DTA4, false, c[DTA12], "over 12 hours from DTA"));
        }
        return Optional.empty();
    }
}
