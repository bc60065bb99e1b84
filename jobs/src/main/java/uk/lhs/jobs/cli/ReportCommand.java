package uk.lhs.jobs.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.report.ReportReader;
import uk.lhs.jobs.report.ReportWriter;

/** {@code lhs report}: the static HTML dashboard from the published gold tables. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write the ICS dashboard as static, self-contained HTML (no internet needed): an overview per"
                + " system, SPC and funnel charts per indicator and organisation, intervention evaluations, data quality,"
                + " a guide, and the data dictionary. Reads only the published (disclosure-controlled) gold tables and metadata,"
                + " at their current Delta versions.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write (default: ./report).")
    Path out = Path.of("report");

    @Option(names = "--system", paramLabel = "CODE", description = "One system (ICB code) only; default: every system.")
    String system;

    @Override
    public Integer call() {
        JobContext ctx = JobContext.create(common.load());
        ReportReader reader = new ReportReader(ctx.lakehouse());
        StringBuilder read = new StringBuilder("lhs report: reading");
        for (Map.Entry<String, Long> e : reader.versions().entrySet()) {
            read.append(' ').append(e.getKey()).append('@').append(e.getValue() < 0 ? "absent" : "v" + e.getValue());
        }
        System.out.println(read);
        long t0 = System.nanoTime();
        List<ReportWriter.Written> written = ReportWriter.write(reader, out, system, Clock.systemUTC());
        for (ReportWriter.Written w : written) {
            System.out.printf(
                    Locale.ROOT,
                    "lhs report: %s -> %s (%d series, %.1f KB)%n",
                    w.systemCode(),
                    w.file(),
                    w.series(),
                    w.bytes() / 1024.0);
        }
        System.out.printf(
                Locale.ROOT,
                "lhs report: wrote %s (index.html, learning.html, dictionary.html, dictionary.md) in %.1f s%n",
                out.toAbsolutePath(),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
