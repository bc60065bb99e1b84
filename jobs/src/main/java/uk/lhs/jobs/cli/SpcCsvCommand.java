package uk.lhs.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.lhs.common.spc.SpcCsv;
import uk.lhs.common.spc.SpcOptions;
import uk.lhs.common.spc.SpcResult;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * {@code lhs spc-csv}: the SPC engine over a CSV file, without Spark. Reads {@code date,value[,denominator][,series]
 * [,target]} ({@link SpcCsv}), writes one row per point and optionally one per series. Outputs are written only when
 * every series charted, so a malformed input never leaves a half-written file.
 */
@Command(
        name = "spc-csv",
        mixinStandardHelpOptions = true,
        description =
                "Chart a CSV (date,value[,denominator][,series][,target]) with SPC (Making Data Count rules), no"
                        + " Spark needed. Writes one row per point (centre, limits, rules, point type) and optionally a summary.")
final class SpcCsvCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Input CSV.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Points CSV to write.")
    Path output;

    @Option(names = "--summary", paramLabel = "FILE", description = "Summary CSV to write: one row per series.")
    Path summary;

    @Option(
            names = "--chart",
            paramLabel = "TYPE",
            converter = ChartConverter.class,
            description = "xmr, i, mr, p, pprime, u, uprime, c, t or run (default: xmr).")
    ChartType chart = ChartType.XMR;

    @Option(
            names = "--improvement",
            paramLabel = "DIR",
            converter = ImprovementConverter.class,
            description = "increase, decrease or neutral (default: increase).")
    ImprovementDirection improvement = ImprovementDirection.INCREASE;

    @Option(
            names = "--rebase",
            paramLabel = "DATE",
            split = ",",
            converter = DateConverter.class,
            description = "Start a new phase at the first point on or after each date (YYYY-MM-DD, comma-separated).")
    List<LocalDate> rebase = new ArrayList<>();

    @Option(
            names = "--fix-after",
            paramLabel = "N",
            description = "Freeze each phase's limits after its first N points (default: use every point).")
    Integer fixAfter;

    @Option(
            names = "--screen-outliers",
            arity = "1",
            paramLabel = "true|false",
            description = "XmR: drop moving ranges above 3.267 x their mean before computing limits (default: true).")
    boolean screenOutliers = true;

    @Option(names = "--shift-length", paramLabel = "N", description = "Points that make a shift (default: 7).")
    int shiftLength = SpcOptions.DEFAULT_SHIFT_LENGTH;

    @Option(names = "--trend-length", paramLabel = "N", description = "Points that make a trend (default: 7).")
    int trendLength = SpcOptions.DEFAULT_TREND_LENGTH;

    @Option(
            names = "--target",
            paramLabel = "X",
            description = "Target for the assurance icon (overrides a target column).")
    Double target;

    @Override
    public Integer call() throws IOException {
        SpcOptions options = SpcOptions.builder()
                .chart(chart)
                .improvement(improvement)
                .rebaseDates(rebase)
                .fixAfter(fixAfter)
                .screenOutliers(screenOutliers)
                .shiftLength(shiftLength)
                .trendLength(trendLength)
                .target(target)
                .build();
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file " + input + " does not exist or is not a file");
        }
        StringWriter points = new StringWriter();
        StringWriter perSeries = summary == null ? null : new StringWriter();
        List<SpcResult> results;
        try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            results = SpcCsv.run(in, points, perSeries, options);
        }
        Files.writeString(output, points.toString(), StandardCharsets.UTF_8);
        if (summary != null) {
            Files.writeString(summary, perSeries.toString(), StandardCharsets.UTF_8);
        }
        int n = results.stream().mapToInt(r -> r.points().size()).sum();
        System.out.println("charted " + results.size() + " series (" + n + " points) as " + chart.code() + " to "
                + output + (summary == null ? "" : " and " + summary));
        return 0;
    }

    /** Parses a chart code; the message lists the accepted codes. */
    static final class ChartConverter implements CommandLine.ITypeConverter<ChartType> {
        @Override
        public ChartType convert(String value) {
            try {
                return ChartType.fromCode(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses an improvement direction; the message lists the accepted values. */
    static final class ImprovementConverter implements CommandLine.ITypeConverter<ImprovementDirection> {
        @Override
        public ImprovementDirection convert(String value) {
            try {
                return ImprovementDirection.fromCode(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses YYYY-MM-DD. */
    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date; write YYYY-MM-DD");
            }
        }
    }
}
