package uk.lhs.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.lhs.common.evaluation.staggered.BasePeriod;
import uk.lhs.common.evaluation.staggered.ControlGroup;
import uk.lhs.common.evaluation.staggered.PreTest;
import uk.lhs.common.evaluation.staggered.StaggeredCsv;
import uk.lhs.common.evaluation.staggered.StaggeredOptions;
import uk.lhs.common.evaluation.staggered.StaggeredResult;
import uk.lhs.common.evaluation.staggered.Twfe;

/**
 * {@code lhs did-csv}: staggered difference-in-differences (Callaway &amp; Sant'Anna 2021) over a long panel CSV,
 * without Spark ({@link StaggeredCsv}). The output is written only when the estimation succeeded, so a malformed
 * input never leaves a half-written file.
 */
@Command(
        name = "did-csv",
        mixinStandardHelpOptions = true,
        description = {
            "Staggered difference-in-differences on a long panel CSV (one row per unit and period), no Spark needed:"
                    + " Callaway & Sant'Anna (2021) group-time effects ATT(g,t) and their simple, group, dynamic"
                    + " (event-study) and calendar aggregations, with a multiplier bootstrap clustered by unit.",
            "Time is an integer period (e.g. a year) or a month as yyyymm or yyyy-MM; first treated is written the"
                    + " same way, empty or 0 = never treated. Units not observed in every period are left out"
                    + " (balanced panel), as are units treated in the first period.",
            "Output columns: aggregation,group,time,event_time,estimate,se,ci_lower,ci_upper. ci_lower/ci_upper"
                    + " are the simultaneous 95% band on the rows of an aggregation and the pointwise 95% interval on"
                    + " its overall value (the row with group, time and event_time empty). The placebo pre-test and"
                    + " the two-way fixed effects estimate are printed. Associations, not proof of cause."
        })
final class DidCsvCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Input CSV (long panel).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Estimates CSV to write.")
    Path output;

    @Option(names = "--unit", required = true, paramLabel = "COL", description = "Unit identifier column.")
    String unit;

    @Option(
            names = "--time",
            required = true,
            paramLabel = "COL",
            description = "Period column: integer periods, or months as yyyymm or yyyy-MM.")
    String time;

    @Option(names = "--outcome", required = true, paramLabel = "COL", description = "Outcome column.")
    String outcome;

    @Option(
            names = "--first-treated",
            required = true,
            paramLabel = "COL",
            description = "First treated period column, written like time; empty or 0 = never treated.")
    String firstTreated;

    @Option(
            names = "--control",
            paramLabel = "GROUP",
            converter = ControlConverter.class,
            description = "never (never-treated units) or notyet (also units not yet treated) (default: never).")
    ControlGroup control = ControlGroup.NEVER_TREATED;

    @Option(
            names = "--base-period",
            paramLabel = "BASE",
            converter = BaseConverter.class,
            description = "varying (pre-periods against the period before) or universal (all against g-1)"
                    + " (default: varying).")
    BasePeriod basePeriod = BasePeriod.VARYING;

    @Option(
            names = "--bootstrap",
            paramLabel = "N",
            description = "Multiplier-bootstrap draws, at least 99 (default: 999).")
    int bootstrap = StaggeredOptions.DEFAULT_BOOTSTRAP;

    @Option(names = "--seed", paramLabel = "S", description = "Bootstrap seed (default: 42).")
    long seed = StaggeredOptions.DEFAULT_SEED;

    @Override
    public Integer call() throws IOException {
        StaggeredOptions options = new StaggeredOptions(control, basePeriod, bootstrap, seed);
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file " + input + " does not exist or is not a file");
        }
        StringWriter out = new StringWriter();
        StaggeredResult r;
        try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            r = StaggeredCsv.run(
                    in, input.toString(), new StaggeredCsv.Columns(unit, time, outcome, firstTreated), options, out);
        }
        Files.writeString(output, out.toString(), StandardCharsets.UTF_8);
        System.out.println("estimated " + r.rows(StaggeredResult.ATT_GT).size() + " group-time effects for "
                + r.cohorts() + " cohort(s) over " + r.units() + " unit(s) to " + output);
        for (String note : r.notes()) {
            System.out.println("  note: " + note);
        }
        PreTest pre = r.preTest();
        if (pre.method().equals(PreTest.NONE)) {
            System.out.println("placebo pre-test: no pre-treatment effects to test");
        } else {
            System.out.println(String.format(
                    Locale.ROOT,
                    "placebo pre-test (all %d pre-treatment ATT(g,t) = 0): %s = %.4g, p = %.4g",
                    pre.df(),
                    pre.method().equals(PreTest.WALD) ? "Wald chi2" : "bootstrap sup-t (Wald covariance singular)",
                    pre.statistic(),
                    pre.pValue()));
        }
        Twfe t = r.twfe();
        System.out.println(String.format(
                Locale.ROOT,
                "two-way fixed effects: %.6g (95%% CI %.6g to %.6g); simple ATT: %.6g",
                t.estimate(),
                t.ciLower(),
                t.ciUpper(),
                r.overall(StaggeredResult.SIMPLE).estimate()));
        return 0;
    }

    /** Parses never | notyet. */
    static final class ControlConverter implements CommandLine.ITypeConverter<ControlGroup> {
        @Override
        public ControlGroup convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "never" -> ControlGroup.NEVER_TREATED;
                case "notyet" -> ControlGroup.NOT_YET_TREATED;
                default ->
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a comparison group; use never or notyet");
            };
        }
    }

    /** Parses varying | universal. */
    static final class BaseConverter implements CommandLine.ITypeConverter<BasePeriod> {
        @Override
        public BasePeriod convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "varying" -> BasePeriod.VARYING;
                case "universal" -> BasePeriod.UNIVERSAL;
                default ->
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a base period; use varying or universal");
            };
        }
    }
}
