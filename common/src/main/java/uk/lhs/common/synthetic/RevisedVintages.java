package uk.lhs.common.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.text.Hashing;

/**
 * A revised vintage of the last months' A&amp;E files ({@code lhs generate --revise-months N}), as NHS England
 * re-publishes months: {@code revised/ae/Monthly-AE-<month>.csv} under the first vintage's names, with
 * {@value #PROVIDERS} providers per month whose type 1 attendances rise by {@value #RELATIVE} relative (at least 1;
 * the March-2026 time series revised earlier provider files by up to 4e-4), every added attendance over 4 hours, and
 * the TOTAL row raised by the same amounts. {@code truth/revisions.csv} lists each changed cell with both files'
 * sha256. Land the revised folder over {@code ae/} after a first run to exercise silver.vintages and gold.revisions.
 */
public final class RevisedVintages {
    private RevisedVintages() {}

    /** Providers revised per month. */
    public static final int PROVIDERS = 3;

    /** Relative size of a revision of a provider's type 1 attendances. */
    public static final double RELATIVE = 4e-4;

    /** The truth file. */
    public static final String TRUTH = "truth/revisions.csv";

    static final String TRUTH_HEADER = "month,org_code,column,first_value,revised_value,first_sha256,revised_sha256";

    private static final int ORG_CODE = 1;
    private static final int ATT_TYPE1 = 4;
    private static final int OVER4_TYPE1 = 10;

    /**
     * Writes the revised files of the last {@code months} months and the truth file.
     *
     * @param outDir the generator's output folder, with {@code ae/} written
     * @param last the months to revise
     * @param seed the generator's master seed: the same seed gives the same revisions
     * @return data rows per written file (relative path), for the manifest
     */
    public static Map<String, Long> write(Path outDir, List<YearMonth> last, long seed) {
        Map<String, Long> rows = new TreeMap<>();
        List<String> truth = new ArrayList<>(List.of(TRUTH_HEADER));
        try {
            for (YearMonth m : last) {
                String name = "Monthly-AE-" + m + ".csv";
                Path first = outDir.resolve("ae").resolve(name);
                List<String> lines = Files.readAllLines(first, StandardCharsets.UTF_8);
                List<String> changes = new ArrayList<>();
                List<String> revised = revise(
                        lines,
                        Seeds.stream(seed, "revised-vintage", m.getYear() * 12L + m.getMonthValue()),
                        m,
                        changes);
                Path out = outDir.resolve("revised/ae").resolve(name);
                Files.createDirectories(out.getParent());
                CsvText.writeLines(out, revised, "\n");
                String before = Hashing.sha256(Files.readAllBytes(first));
                String after = Hashing.sha256(Files.readAllBytes(out));
                for (String c : changes) {
                    truth.add(c + "," + before + "," + after);
                }
                rows.put("revised/ae/" + name, (long) lines.size() - 2); // header and TOTAL row
            }
            CsvText.writeLines(outDir.resolve(TRUTH), truth, "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the revised vintage under " + outDir + ": " + e.getMessage(), e);
        }
        rows.put(TRUTH, (long) truth.size() - 1);
        return rows;
    }

    /** The lines with {@value #PROVIDERS} well-formed provider rows revised and the TOTAL row kept consistent. */
    static List<String> revise(List<String> lines, SplittableRandom random, YearMonth month, List<String> changes) {
        List<Integer> candidates = new ArrayList<>();
        int total = -1;
        for (int i = 1; i < lines.size(); i++) {
            List<String> c = CsvLine.split(lines.get(i));
            if (c.size() <= OVER4_TYPE1) {
                continue;
            }
            if (c.get(ORG_CODE).trim().equalsIgnoreCase("total")) {
                total = i;
            } else if (isCount(c.get(ATT_TYPE1))
                    && isCount(c.get(OVER4_TYPE1))
                    && c.get(ORG_CODE).length() >= 3
                    && Long.parseLong(c.get(ATT_TYPE1)) > 0) {
                candidates.add(i);
            }
        }
        if (total < 0 || candidates.size() < PROVIDERS) {
            throw new IllegalStateException("the A&E file of " + month + " has no TOTAL row or fewer than " + PROVIDERS
                    + " revisable providers");
        }
        List<String> out = new ArrayList<>(lines);
        long added = 0;
        for (int k = 0; k < PROVIDERS; k++) {
            int i = candidates.remove(random.nextInt(candidates.size()));
            List<String> c = new ArrayList<>(CsvLine.split(lines.get(i)));
            long att = Long.parseLong(c.get(ATT_TYPE1));
            long over = Long.parseLong(c.get(OVER4_TYPE1));
            long d = Math.max(1, Math.round(att * RELATIVE));
            c.set(ATT_TYPE1, Long.toString(att + d));
            c.set(OVER4_TYPE1, Long.toString(over + d));
            List<String> fields = new ArrayList<>();
            for (String f : c) {
                fields.add(CsvText.field(f));
            }
            out.set(i, CsvText.join(fields));
            changes.add(month + "," + c.get(ORG_CODE) + ",att_type1," + att + "," + (att + d));
            changes.add(month + "," + c.get(ORG_CODE) + ",over4_type1," + over + "," + (over + d));
            added += d;
        }
        List<String> t = new ArrayList<>(CsvLine.split(lines.get(total)));
        t.set(ATT_TYPE1, Long.toString(Long.parseLong(t.get(ATT_TYPE1)) + added));
        t.set(OVER4_TYPE1, Long.toString(Long.parseLong(t.get(OVER4_TYPE1)) + added));
        out.set(total, String.join(",", t));
        return out;
    }

    private static boolean isCount(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
