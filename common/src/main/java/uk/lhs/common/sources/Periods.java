package uk.lhs.common.sources;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reporting periods as the publications spell them: {@code MSitAE-APRIL-2024} (A&E), {@code RTT-June-2024} (RTT
 * full extract), {@code yyyy-MM} in file names (RTT Incomplete-Provider files carry no period column), and ODS
 * {@code yyyyMMdd} dates. Every period is represented by its first day.
 */
public final class Periods {
    /** Earliest plausible reporting year (MSitAE starts 2010; RTT 2007); earlier years are typos. */
    public static final int MIN_YEAR = 2000;
    /** Latest plausible reporting year. */
    public static final int MAX_YEAR = 2100;

    private static final Pattern MONTH_YEAR = Pattern.compile("(?i)(MSitAE|RTT)-([A-Z]+)-(\\d{4})");
    private static final Pattern FILE_YM = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})(?!\\d)");
    private static final DateTimeFormatter ODS_DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private Periods() {}

    /**
     * First day of the month named by {@code MSitAE-APRIL-2024} or {@code RTT-June-2024} (month name in any case),
     * or empty when the text is not such a period.
     */
    public static Optional<LocalDate> monthStart(String prefix, String text) {
        Matcher m = MONTH_YEAR.matcher(text == null ? "" : text.trim());
        if (!m.matches() || !m.group(1).equalsIgnoreCase(prefix)) {
            return Optional.empty();
        }
        Month month;
        try {
            month = Month.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(3));
        return year < MIN_YEAR || year > MAX_YEAR ? Optional.empty() : Optional.of(LocalDate.of(year, month, 1));
    }

    /**
     * First day of the month named {@code yyyy-MM} in a file name, or empty when the name names no month or more than
     * one (a copy such as {@code RTT-Incomplete-Provider-2024-06 (copy 2024-05).csv} is ambiguous: never guessed).
     */
    public static Optional<LocalDate> fromFileName(String fileName) {
        List<LocalDate> months = monthsInName(fileName);
        return months.size() == 1 ? Optional.of(months.get(0)) : Optional.empty();
    }

    /** Every {@code yyyy-MM} (a plausible year, month 01-12, not part of a longer number) in a file name. */
    static List<LocalDate> monthsInName(String fileName) {
        Matcher m = FILE_YM.matcher(fileName);
        List<LocalDate> found = new ArrayList<>();
        while (m.find()) {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            if (year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12) {
                found.add(LocalDate.of(year, month, 1));
            }
        }
        return found;
    }

    /**
     * The month named {@code yyyy-MM} in the name of a file whose rows carry no period: the name must hold exactly one
     * such month, so a renamed copy or a name with a second date is rejected rather than silently filed under a month.
     *
     * @param what the files, for the message, e.g. {@code "RTT Incomplete-Provider files"}
     * @param example a well-named file, for the fix, e.g. {@code "RTT-Incomplete-Provider-2024-06.csv"}
     * @throws SourceFileException the name has no {@code yyyy-MM}, or more than one
     */
    public static LocalDate requireFromFileName(String fileName, String what, String example) {
        List<LocalDate> months = monthsInName(fileName);
        String pattern = FILE_YM.matcher(example).replaceFirst("YYYY-MM");
        if (months.isEmpty()) {
            throw new SourceFileException(
                    fileName,
                    "no reporting period: " + what + " have no period column and the name has no yyyy-MM",
                    "rename the file to the pattern " + pattern + ", e.g. " + example);
        }
        if (months.size() > 1) {
            throw new SourceFileException(
                    fileName,
                    "ambiguous reporting period: " + what + " have no period column and the name has "
                            + months.size() + " yyyy-MM dates "
                            + months.stream()
                                    .map(d -> d.toString().substring(0, 7))
                                    .toList(),
                    "rename the file to the pattern " + pattern + " with the one month it holds, e.g. " + example);
        }
        return months.get(0);
    }

    /** An ODS {@code yyyyMMdd} date; empty text gives empty; an invalid date throws {@link DateTimeParseException}. */
    public static Optional<LocalDate> odsDate(String text) {
        String s = text == null ? "" : text.trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(s, ODS_DATE));
    }
}
