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
import uk.lhs.common.evaluation.meta.MetaCsv;
import uk.lhs.common.evaluation.meta.MetaMethod;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.meta.MetaResult;

/**
 * {@code lhs meta-csv}: a meta-analysis of the estimates in a CSV file, without Spark ({@link MetaCsv}). Writes one
 * row: the pooled estimate and its 95% interval, τ², I², Cochran's Q and the 95% prediction interval. The output is
 * written only when the input is valid.
 */
@Command(
        name = "meta-csv",
        mixinStandardHelpOptions = true,
        description =
                "Pool the estimates in a CSV (one row per site or study: an estimate and its standard error) with a"
                        + " random-effects meta-analysis, no Spark needed. Writes one row: method,k,estimate,se,"
                        + "ci_lower,ci_upper,tau2,i2,q,q_df,q_p,pi_lower,pi_upper (I2 in percent).")
final class MetaCsvCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Input CSV.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Result CSV to write.")
    Path output;

    @Option(names = "--estimate", required = true, paramLabel = "COL", description = "Column of the estimates.")
    String estimate;

    @Option(names = "--se", required = true, paramLabel = "COL", description = "Column of their standard errors.")
    String se;

    @Option(names = "--label", paramLabel = "COL", description = "Column naming each row (used in error messages).")
    String label;

    @Option(
            names = "--method",
            paramLabel = "METHOD",
            converter = MethodConverter.class,
            description = "reml (default; falls back to dl if it does not converge), dl (DerSimonian-Laird), fe (fixed"
                    + " effect) or pm (Paule-Mandel).")
    MetaMethod method = MetaMethod.REML;

    @Option(
            names = "--hartung-knapp",
            description = "Hartung-Knapp-Sidik-Jonkman confidence interval (t with k-1 df) instead of the normal one.")
    boolean hartungKnapp;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file " + input + " does not exist or is not a file");
        }
        StringWriter out = new StringWriter();
        MetaResult r;
        try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            r = MetaCsv.run(
                    in,
                    input.toString(),
                    new MetaCsv.Columns(estimate, se, label),
                    new MetaOptions(method, hartungKnapp),
                    out);
        }
        Files.writeString(output, out.toString(), StandardCharsets.UTF_8);
        System.out.println(String.format(
                        Locale.ROOT,
                        "pooled %d estimates with %s%s: %.4g (95%% CI %.4g to %.4g), tau2 %.4g, I2 %.1f%% to %s",
                        r.k(),
                        r.method().code(),
                        r.hartungKnapp() ? " and Hartung-Knapp" : "",
                        r.estimate(),
                        r.ciLower(),
                        r.ciUpper(),
                        r.tau2(),
                        r.i2(),
                        output)
                + (r.fellBack() ? " (REML did not converge; DerSimonian-Laird was used)" : ""));
        return 0;
    }

    /** Parses a method code; the message lists the accepted codes. */
    static final class MethodConverter implements CommandLine.ITypeConverter<MetaMethod> {
        @Override
        public MetaMethod convert(String value) {
            try {
                return MetaMethod.fromCode(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
