package uk.lhs.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.lhs.common.report.Dashboard;
import uk.lhs.common.report.DataDictionary;
import uk.lhs.common.report.Html;
import uk.lhs.common.report.ReportModel.EnglandReport;
import uk.lhs.common.report.ReportModel.SystemReport;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.tables.Tables;

/**
 * Writes the dashboard folder: {@code index.html} (the England overview of every system), {@code learning.html}
 * (what works where), one self-contained {@code <system>.html} per system, {@code dictionary.html} and
 * {@code dictionary.md}.
 */
public final class ReportWriter {
    private ReportWriter() {}

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One system's page as written. */
    public record Written(String systemCode, Path file, long bytes, int series) {}

    /**
     * Renders and writes the dashboard.
     *
     * @param reader the pinned gold tables
     * @param out the folder to write (created if needed)
     * @param systemCode one system only, or null for all
     * @param clock for the time stamp
     * @return the system pages written
     * @throws IllegalArgumentException when {@code systemCode} is not a system with series
     */
    public static List<Written> write(ReportReader reader, Path out, String systemCode, Clock clock) {
        String generatedAt = STAMP.format(clock.instant());
        List<ReportReader.SystemInfo> systems = new ArrayList<>();
        for (ReportReader.SystemInfo s : reader.systems()) {
            if (systemCode == null || s.code().equalsIgnoreCase(systemCode)) {
                systems.add(s);
            }
        }
        if (systems.isEmpty()) {
            throw new IllegalArgumentException(
                    systemCode == null
                            ? SpcTables.SPC_SUMMARY_PUBLISHED.qualifiedName() + " has no system-level series"
                            : "no system " + systemCode + " in " + SpcTables.SPC_SUMMARY_PUBLISHED.qualifiedName()
                                    + "; systems: "
                                    + reader.systems().stream()
                                            .map(ReportReader.SystemInfo::code)
                                            .toList());
        }
        try {
            Files.createDirectories(out);
            List<Written> written = new ArrayList<>();
            Map<String, String> pages = new LinkedHashMap<>();
            for (SystemReport report : reader.read(systems, generatedAt)) {
                String name = Html.anchor(report.systemCode()) + ".html";
                Path file = out.resolve(name);
                Files.writeString(file, Dashboard.render(report), StandardCharsets.UTF_8);
                written.add(new Written(
                        report.systemCode(),
                        file,
                        Files.size(file),
                        report.series().size()));
                pages.put(report.systemCode(), name);
            }
            EnglandReport england = reader.england(pages, generatedAt);
            Files.writeString(out.resolve(Dashboard.INDEX), Dashboard.england(england), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(Dashboard.LEARNING), Dashboard.learning(england), StandardCharsets.UTF_8);
            Files.writeString(
                    out.resolve("dictionary.html"), DataDictionary.html(Tables.all()), StandardCharsets.UTF_8);
            Files.writeString(
                    out.resolve("dictionary.md"), DataDictionary.markdown(Tables.all()), StandardCharsets.UTF_8);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
