package uk.lhs.common.sources;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;

/**
 * The registry of source plug-ins: every {@link Source}, listed once in
 * {@code META-INF/services/uk.lhs.common.sources.Source} (so this package never imports a plug-in and there is no
 * package cycle), and recognising a file's dataset from its header (or, for the headerless ODS file, its shape).
 * Column names are compared after trimming, collapsing runs of spaces and ignoring case, because the publications
 * vary in exactly those ways (e.g. {@code "Attendances (Total) "}).
 */
public final class Sources {
    private static final List<Source<?>> ALL = load();

    private Sources() {}

    private static List<Source<?>> load() {
        List<Source<?>> out = new ArrayList<>();
        Map<Dataset, Source<?>> byId = new EnumMap<>(Dataset.class);
        for (@SuppressWarnings("rawtypes")
        Source s : ServiceLoader.load(Source.class, Sources.class.getClassLoader())) {
            Source<?> typed = s;
            if (byId.put(typed.dataset(), typed) != null) {
                throw new IllegalStateException("two sources for dataset " + typed.dataset());
            }
            out.add(typed);
        }
        for (Dataset d : Dataset.values()) {
            if (!byId.containsKey(d)) {
                throw new IllegalStateException("no source registered for dataset " + d + " (META-INF/services/"
                        + Source.class.getName() + ")");
            }
        }
        return List.copyOf(out);
    }

    /** Every source, in registration order. */
    public static List<Source<?>> all() {
        return ALL;
    }

    /** The source of a dataset. */
    public static Source<?> of(Dataset dataset) {
        return ALL.stream().filter(s -> s.dataset() == dataset).findFirst().orElseThrow();
    }

    /**
     * Recognises the source of a tokenised file.
     *
     * @throws SourceFileException the header matches no dataset; the message lists, for the closest dataset, the
     *     expected columns that are missing and the columns found
     */
    public static Source<?> detect(RawCsv csv) {
        String[] header = csv.header();
        for (Source<?> s : ALL) {
            if (!s.hasHeader() && s.recognisesShape(csv.records().get(0))) {
                return s;
            }
        }
        List<String> found = IntStream.range(0, header.length)
                .mapToObj(i -> Dataset.normalise(header[i]))
                .toList();
        Source<?> full = null;
        Source<?> closest = null;
        double closestShare = -1;
        for (Source<?> d : ALL) {
            if (!d.hasHeader()) {
                continue;
            }
            List<String> required = d.requiredColumns();
            long hits = required.stream()
                    .filter(c -> found.contains(Dataset.normalise(c)))
                    .count();
            if (hits == required.size()
                    && (full == null || required.size() > full.requiredColumns().size())) {
                full = d;
            }
            double share = hits / (double) required.size();
            if (share > closestShare) {
                closest = d;
                closestShare = share;
            }
        }
        if (full != null) {
            return full;
        }
        if (closestShare == 0) {
            throw new SourceFileException(
                    csv.fileName(),
                    "header not recognised: its first line has " + header.length + " field(s), none of them a column"
                            + " of any known dataset "
                            + ALL.stream().map(Source::dataset).toList()
                            + " (the line is not repeated here: without a header it may be a patient's row)",
                    "check the file is an NHS England publication this project reads, with its header row");
        }
        Source<?> best = closest;
        List<String> missing = new ArrayList<>();
        for (String c : best.requiredColumns()) {
            if (!found.contains(Dataset.normalise(c))) {
                missing.add(c);
            }
        }
        throw new SourceFileException(
                csv.fileName(),
                "header not recognised; closest dataset " + best.dataset() + " lacks " + missing.size() + " of "
                        + best.requiredColumns().size() + " expected columns " + abbreviate(missing) + "; found "
                        + abbreviate(List.of(header)),
                "check this is an unedited NHS England " + best.dataset()
                        + " file (or extend Dataset if the publication" + " changed)");
    }

    /**
     * Whether any field of {@code firstLine} is a column name of a known dataset, i.e. the line is a header and may be
     * shown; otherwise it may be a data row (a headerless patient-level file) and is never repeated in a message or a
     * table.
     */
    public static boolean anyKnownColumn(String[] firstLine) {
        for (String cell : firstLine) {
            String n = Dataset.normalise(cell);
            for (Source<?> d : ALL) {
                for (String c : d.requiredColumns()) {
                    if (Dataset.normalise(c).equals(n)) {
                        return true;
                    }
                }
                for (String c : d.optionalColumns()) {
                    if (Dataset.normalise(c).equals(n)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Checks that {@code csv} is of dataset {@code expected}.
     *
     * @throws SourceFileException the header is unrecognised or belongs to another dataset
     */
    public static void expect(RawCsv csv, Dataset expected) {
        Dataset found = detect(csv).dataset();
        if (found != expected) {
            throw new SourceFileException(
                    csv.fileName(), "is a " + found + " file, not " + expected, "pass it to the " + found + " reader");
        }
    }

    private static String abbreviate(List<String> names) {
        final int shown = 12;
        List<String> quoted =
                names.stream().limit(shown).map(n -> "'" + n + "'").toList();
        String list = String.join(", ", quoted);
        return "[" + list + (names.size() > shown ? ", ... (" + names.size() + " in all)" : "") + "]";
    }
}
