package uk.lhs.common.sources.aebyprovider;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Finding;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.Periods;
import uk.lhs.common.sources.PublishedNumbers;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.RawRow;
import uk.lhs.common.sources.RowChecks;
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.sources.aemonthly.AeMeasure;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;

/**
 * Types and validates NHS England's "A&E attendances and emergency admissions" by-provider table as saved from the
 * published XLS to CSV ({@link Dataset#AE_BY_PROVIDER}). Column names repeat (the XLS has two header rows), so the
 * file is read by position after its header has been checked cell by cell against {@link #HEADER}; the month is
 * only in the file name ({@code AE-by-provider-2025-05.csv}); counts have thousands separators; percentages are
 * {@code 76.00%}, {@code -} where there is no attendance of the type. There is no TOTAL row: England is the sum
 * over all providers (METHODOLOGY.md "A&E").
 *
 * <p>Each row becomes an {@link AeProviderMonth} in silver.ae_monthly's terms: this table's type columns are booked
 * and non-booked attendances together (METHODOLOGY.md: "AE-by-provider Total columns = non-booked + booked per
 * type"), so they go to the non-booked type columns and every booked column is 0; "over 4 hours" likewise; DTA
 * 4-12 h = DTA over 4 h − DTA over 12 h (">4 hours from DTA" = (4-12h) + (12+h)); emergency admissions via type 3
 * and 4 go to "other A&E department".
 *
 * <p>Row checks, first failure wins (each rejected row goes to quarantine with its file, row, column and reason):
 * row shape; {@code Code} well-formed; every count a non-negative whole number; every percentage a percentage or
 * {@code -}; totals equal the sum of their types (attendances, within and over 4 hours, emergency admissions via
 * A&E) and total emergency admissions = via A&E + other; within + over 4 hours = attendances of each type (silver
 * keeps attendances and over-4-hours only, so the within count must follow from them); DTA over 12 h at most DTA
 * over 4 h; no repeated code. The published percentages are checked against the counts (a finding, not a
 * quarantine: the counts are what is loaded).
 */
public final class AeByProviderParser {
    /** The header, cell by cell (compared after {@link Dataset#normalise}). */
    public static final List<String> HEADER = List.of(
            "Code",
            "Region",
            "Name",
            "Type 1 Departments - Major A&E",
            "Type 2 Departments - Single Specialty",
            "Type 3 Departments - Other A&E/Minor Injury Unit",
            "Total attendances",
            "Type 1 Departments - Major A&E",
            "Type 2 Departments - Single Specialty",
            "Type 3 Departments - Other A&E/Minor Injury Unit",
            "Total Attendances < 4 hours",
            "Type 1 Departments - Major A&E",
            "Type 2 Departments - Single Specialty",
            "Type 3 Departments - Other A&E/Minor Injury Unit",
            "Total Attendances > 4 hours",
            "Percentage in 4 hours or less (all)",
            "Percentage in 4 hours or less (type 1)",
            "Percentage in 4 hours or less (type 2)",
            "Percentage in 4 hours or less (type 3)",
            "Emergency Admissions via Type 1 A&E",
            "Emergency Admissions via Type 2 A&E",
            "Emergency Admissions via Type 3 and 4 A&E",
            "Total Emergency Admissions via A&E",
            "Other Emergency admissions (i.e not via A&E)",
            "Total Emergency Admissions",
            "Number of patients spending >4 hours from decision to admit to admission",
            "Number of patients spending >12 hours from decision to admit to admission");

    /** Column positions. */
    static final int CODE = 0;

    static final int REGION = 1;
    static final int NAME = 2;
    static final int ATT = 3;
    static final int WITHIN = 7;
    static final int OVER = 11;
    static final int PCT = 15;
    static final int EMERG = 19;
    static final int EMERG_OTHER = 23;
    static final int EMERG_TOTAL = 24;
    static final int DTA4 = 25;
    static final int DTA12 = 26;
    private static final int TYPES = 3;
    private static final String[] GROUP = {"attendances", "attendances < 4 hours", "attendances > 4 hours"};

    /** Largest difference, in percentage points, between a published % (one decimal) and the counts' %. */
    public static final double PCT_TOLERANCE_PP = 0.05 + 1e-6;

    private AeByProviderParser() {}

    /**
     * What the parser made of a file: the typed rows and the published-percentage findings.
     *
     * @param result typed rows (as silver.ae_monthly sees them) and quarantine
     * @param findings rows whose published % in 4 hours disagrees with their counts beyond rounding, or one passed
     *     finding for the file
     */
    public record Parsed(ParseResult<AeProviderMonth> result, List<Finding> findings) {}

    /** The month named in the file name. */
    public static LocalDate month(RawCsv csv) {
        return Periods.requireFromFileName(csv.fileName(), "A&E by-provider tables", "AE-by-provider-2025-05.csv");
    }

    /** Reads a file, with the month from its name. */
    public static Parsed parse(java.nio.file.Path file) {
        RawCsv csv = RawCsv.read(file);
        return parse(csv, month(csv));
    }

    /** A column's name for quarantine entries: its header, with the group it belongs to when the header repeats. */
    static String label(int i) {
        if (i >= ATT && i < PCT && (i - ATT) % (TYPES + 1) != TYPES) {
            return HEADER.get(i) + " (" + GROUP[(i - ATT) / (TYPES + 1)] + ")";
        }
        return HEADER.get(i);
    }

    /** Parses a tokenised file for the month starting {@code month}. */
    public static Parsed parse(RawCsv csv, LocalDate month) {
        checkHeader(csv);
        List<AeProviderMonth> records = new ArrayList<>();
        List<QuarantineEntry> quarantine = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        String period = month.toString().substring(0, 7);
        for (RawRow row : csv.dataRows()) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, HEADER.size());
            String code = row.value(CODE) == null ? "" : row.value(CODE).trim();
            if (bad.isEmpty()) {
                bad = RowChecks.orgCode(code).map(r -> QuarantineEntry.of(csv, row, label(CODE), r));
            }
            long[] c = new long[HEADER.size()];
            Double[] pct = new Double[TYPES + 1];
            for (int i = ATT; i < HEADER.size() && bad.isEmpty(); i++) {
                try {
                    if (i >= PCT && i < EMERG) {
                        pct[i - PCT] = PublishedNumbers.percentOrNull(row.value(i));
                    } else {
                        c[i] = PublishedNumbers.count(row.value(i), false);
                    }
                } catch (PublishedNumbers.Bad e) {
                    bad = Optional.of(QuarantineEntry.of(csv, row, label(i), e.getMessage()));
                }
            }
            if (bad.isEmpty()) {
                bad = identities(c).map(f -> QuarantineEntry.of(csv, row, label(f.column()), f.reason()));
            }
            if (bad.isEmpty()) {
                Optional<Integer> first = dups.firstSeen(code, row.rowNumber());
                if (first.isPresent()) {
                    bad = Optional.of(QuarantineEntry.of(
                            csv, row, label(CODE), "duplicate: Code " + code + " already on row " + first.get()));
                }
            }
            if (bad.isPresent()) {
                quarantine.add(bad.get());
                continue;
            }
            percentages(csv, row, code, month, c, pct).ifPresent(findings::add);
            records.add(AeProviderMonth.of(
                    csv.fileName(),
                    row.rowNumber(),
                    period,
                    month,
                    code,
                    row.value(REGION).trim(),
                    row.value(NAME).trim(),
                    measures(c),
                    row.rawValues()));
        }
        if (findings.isEmpty()) {
            findings.add(
                    new Finding(
                            "ae_published_pct_agrees",
                            csv.sha256(),
                            "all providers",
                            Dataset.AE_BY_PROVIDER.name(),
                            csv.fileName(),
                            month,
                            "info",
                            true,
                            records.size() + " rows agree",
                            "every published % within " + "0.05 pp of its counts",
                            "Every loaded row's published % in 4 hours"
                                    + " or less (all types and each type) equals within / attendances to the published precision."));
        }
        return new Parsed(
                new ParseResult<>(
                        csv.fileName(),
                        csv.sha256(),
                        Dataset.AE_BY_PROVIDER,
                        csv.dataRows().size(),
                        records,
                        List.of(),
                        quarantine,
                        List.of()),
                findings);
    }

    /** The 18 silver.ae_monthly counts, in {@link AeMeasure} order, from one row's positions. */
    static long[] measures(long[] c) {
        long[] m = new long[AeMeasure.values().length];
        m[AeMeasure.ATT_TYPE1.ordinal()] = c[ATT];
        m[AeMeasure.ATT_TYPE2.ordinal()] = c[ATT + 1];
        m[AeMeasure.ATT_OTHER.ordinal()] = c[ATT + 2];
        m[AeMeasure.OVER4_TYPE1.ordinal()] = c[OVER];
        m[AeMeasure.OVER4_TYPE2.ordinal()] = c[OVER + 1];
        m[AeMeasure.OVER4_OTHER.ordinal()] = c[OVER + 2];
        m[AeMeasure.DTA_4_TO_12H.ordinal()] = c[DTA4] - c[DTA12];
        m[AeMeasure.DTA_OVER_12H.ordinal()] = c[DTA12];
        m[AeMeasure.EMERG_ADM_TYPE1.ordinal()] = c[EMERG];
        m[AeMeasure.EMERG_ADM_TYPE2.ordinal()] = c[EMERG + 1];
        m[AeMeasure.EMERG_ADM_OTHER.ordinal()] = c[EMERG + 2];
        m[AeMeasure.EMERG_ADM_NOT_VIA_AE.ordinal()] = c[EMERG_OTHER];
        return m;
    }

    private static void checkHeader(RawCsv csv) {
        String[] h = csv.header();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < Math.max(h.length, HEADER.size()); i++) {
            String found = i < h.length ? h[i] : null;
            String expected = i < HEADER.size() ? HEADER.get(i) : null;
            if (found == null || expected == null || !Dataset.normalise(found).equals(Dataset.normalise(expected))) {
                wrong.add("column " + (i + 1) + ": expected " + (expected == null ? "nothing" : "'" + expected + "'")
                        + ", found " + (found == null ? "nothing" : "'" + found + "'"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new SourceFileException(
                    csv.fileName(),
                    "not the A&E by-provider layout (read by position, so every"
                            + " header cell must match): "
                            + String.join("; ", wrong.subList(0, Math.min(3, wrong.size())))
                            + (wrong.size() > 3 ? "; ... (" + wrong.size() + " in all)" : ""),
                    "save the published XLS sheet to CSV without adding, removing or reordering columns");
        }
    }

    /** A failed identity: the column to blame and why. */
    private record Failure(int column, String reason) {}

    private static Optional<Failure> identities(long[] c) {
        for (int start : new int[] {ATT, WITHIN, OVER, EMERG}) {
            long sum = c[start] + c[start + 1] + c[start + 2];
            if (sum != c[start + TYPES]) {
                return Optional.of(new Failure(
                        start + TYPES, "inconsistent: published " + c[start + TYPES] + " but its types sum to " + sum));
            }
        }
        if (c[EMERG + TYPES] + c[EMERG_OTHER] != c[EMERG_TOTAL]) {
            return Optional.of(new Failure(
                    EMERG_TOTAL,
                    "inconsistent: published " + c[EMERG_TOTAL] + " but via A&E + other = "
                            + (c[EMERG + TYPES] + c[EMERG_OTHER])));
        }
        for (int t = 0; t <= TYPES; t++) {
            if (c[OVER + t] > c[ATT + t]) {
                return Optional.of(new Failure(
                        OVER + t, "part exceeds total: " + c[OVER + t] + " > '" + label(ATT + t) + "' " + c[ATT + t]));
            }
            if (c[WITHIN + t] + c[OVER + t] != c[ATT + t]) {
                return Optional.of(new Failure(
                        WITHIN + t,
                        "inconsistent: within " + c[WITHIN + t] + " + over "
                                + c[OVER + t] + " 4 hours = " + (c[WITHIN + t] + c[OVER + t]) + " but attendances are "
                                + c[ATT + t]));
            }
        }
        if (c[DTA12] > c[DTA4]) {
            return Optional.of(new Failure(
                    DTA12,
                    "part exceeds total: over 12 hours from DTA " + c[DTA12] + " > over 4 hours from DTA " + c[DTA4]));
        }
        return Optional.empty();
    }

    /** A finding when a published % (all, or a type) disagrees with within / attendances beyond rounding. */
    private static Optional<Finding> percentages(
            RawCsv csv, RawRow row, String code, LocalDate month, long[] c, Double[] pct) {
        List<String> off = new ArrayList<>();
        for (int t = 0; t <= TYPES; t++) {
            int type = t == 0 ? TYPES : t - 1; // (all) first, then types 1, 2, 3
            long att = c[ATT + type];
            Double published = pct[t];
            if (att == 0 || published == null) {
                if ((att == 0) != (published == null)) {
                    off.add(label(PCT + t) + " published " + (published == null ? "-" : pct(published)) + " with " + att
                            + " attendances");
                }
                continue;
            }
            double computed = 100.0 * c[WITHIN + type] / att;
            if (Math.abs(100.0 * published - computed) > PCT_TOLERANCE_PP) {
                off.add(label(PCT + t) + " published " + pct(published) + " but " + c[WITHIN + type] + " / " + att
                        + " = " + String.format(Locale.ROOT, "%.3f%%", computed));
            }
        }
        if (off.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                "ae_published_pct_agrees",
                csv.sha256(),
                code,
                Dataset.AE_BY_PROVIDER.name(),
                csv.fileName(),
                month,
                "warning",
                false,
                String.join("; ", off),
                "within 0.05 pp of the counts",
                "Row " + row.rowNumber() + " (" + code
                        + "): the published % in 4 hours or less disagrees with the row's"
                        + " own counts beyond rounding. The counts are loaded; check the file was not edited."));
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
