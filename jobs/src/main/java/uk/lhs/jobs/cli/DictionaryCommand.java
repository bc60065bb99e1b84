package uk.lhs.jobs.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.lhs.common.report.DataDictionary;
import uk.lhs.common.tables.Tables;

/** {@code lhs dictionary}: the data dictionary from the table contracts; needs no Spark and no lakehouse. */
@Command(
        name = "dictionary",
        mixinStandardHelpOptions = true,
        description = "Print the data dictionary (every table's columns, types, comments, keys and partitioning),"
                + " generated from the table contracts, as Markdown or HTML.")
final class DictionaryCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        md,
        html
    }

    @Option(names = "--format", paramLabel = "md|html", description = "Output format (default: md).")
    Format format = Format.md;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(format == Format.md ? DataDictionary.markdown(Tables.all()) : DataDictionary.html(Tables.all()));
        out.flush();
        return 0;
    }
}
