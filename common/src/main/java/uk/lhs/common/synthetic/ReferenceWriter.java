package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the synthetic organisation reference files in the formats of the real ones in
 * {@code shared/data/org_reference}: {@code ods_etr.csv} (ODS "etr": no header, 27 fields all quoted, CRLF),
 * {@code System-Mapping.csv} (header {@code Code,Name,ICB Code,ICB Name,Region Name}, LF) and
 * {@code org_successors.csv} ({@code old_code,new_code,effective_date}).
 */
final class ReferenceWriter {
    /** Header of the real System-Mapping file. */
    static final String MAPPING_HEADER = "Code,Name,ICB Code,ICB Name,Region Name";
    /** Header of the successor file. */
    static final String SUCCESSOR_HEADER = "old_code,new_code,effective_date";
    /** Number of fields in an ODS etr row. */
    static final int ETR_FIELDS = 27;

    private static final DateTimeFormatter ODS_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private ReferenceWriter() {}

    /** Writes {@code ods_etr.csv}; returns the number of rows. */
    static int writeEtr(Organisations orgs, Path file) {
        List<String> lines = new ArrayList<>();
        for (Organisations.Trust t : orgs.trusts()) {
            String[] f = new String[ETR_FIELDS];
            java.util.Arrays.fill(f, "");
            f[0] = t.code();
            f[1] = t.name();
            f[2] = t.region().code();
            f[3] = t.icb().code();
            f[4] = "SYNTHETIC HOUSE";
            f[5] = (t.index() + 1) + " EXAMPLE ROAD";
            f[7] = "SYNTHTOWN " + (t.index() + 1);
            // ZZ99 is the NHS pseudo-postcode area, so these can never be real addresses.
            f[9] = "ZZ99 " + (t.index() % 10) + (char) ('A' + t.index() % 26) + (char) ('A' + (t.index() / 26) % 26);
            f[10] = t.openDate().format(ODS_DATE);
            f[11] = t.closeMonth() == null ? "" : t.closeMonth().atEndOfMonth().format(ODS_DATE);
            f[21] = "0";
            f[23] = Organisations.geographyLetter(t.region());
            List<String> q = new ArrayList<>();
            for (String s : f) {
                q.add(CsvText.quoted(s));
            }
            lines.add(CsvText.join(q));
        }
        CsvText.writeLines(file, lines, "\r\n");
        return lines.size();
    }

    /** Writes {@code System-Mapping.csv} (trust to ICB to region, mixed-case names as the real file); returns rows. */
    static int writeSystemMapping(Organisations orgs, Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(MAPPING_HEADER);
        for (Organisations.Trust t : orgs.trusts()) {
            lines.add(CsvText.join(List.of(
                    t.code(),
                    CsvText.field(mixedCase(t.name())),
                    t.icb().code(),
                    CsvText.field(t.icb().name()),
                    CsvText.field(t.region().mappingName()))));
        }
        CsvText.writeLines(file, lines, "\n");
        return lines.size() - 1;
    }

    /** Writes {@code org_successors.csv}; returns rows. */
    static int writeSuccessors(Organisations orgs, Path file) {
        Organisations.Merger m = orgs.merger();
        CsvText.writeLines(
                file,
                List.of(
                        SUCCESSOR_HEADER,
                        m.closing().code() + "," + m.successor().code() + "," + m.effectiveDate()),
                "\n");
        return 1;
    }

    /** "SYNTHETIC ASHBROOK NHS TRUST" to "Synthetic Ashbrook NHS Trust" (keeps NHS upper case, as the real file). */
    static String mixedCase(String upper) {
        StringBuilder b = new StringBuilder();
        for (String word : upper.split(" ", -1)) {
            if (b.length() > 0) {
                b.append(' ');
            }
            if (word.equals("NHS") || word.length() <= 1) {
                b.append(word);
            } else if (word.equals("AND")) {
                b.append("and");
            } else {
                b.append(word.charAt(0)).append(word.substring(1).toLowerCase());
            }
        }
        return b.toString();
    }
}
