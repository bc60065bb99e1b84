package uk.lhs.jobs.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import uk.lhs.jobs.pipeline.JobContext;

/** Spark SQL over the lakehouse for analysts and scripts; CSV with a header on stdout. */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = "Run a Spark SQL query against the lakehouse (tables as bronze.x, silver.x, gold.x) and print"
                + " CSV with a header to stdout. Nested columns are printed as JSON.")
final class SqlCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(
            index = "0",
            paramLabel = "QUERY",
            description = "The SQL query, e.g. \"SELECT * FROM gold.pipeline_runs\"")
    String query;

    @Override
    public Integer call() {
        JobContext ctx = JobContext.create(common.load());
        ctx.lakehouse().registerTables();
        Dataset<Row> result = flattenNested(ctx.spark().sql(query));
        PrintWriter out =
                new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        write(result, out);
        out.flush();
        return 0;
    }

    /** Nested values (arrays, maps, structs) become JSON text so every cell is one CSV field. */
    static Dataset<Row> flattenNested(Dataset<Row> df) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            Column c = functions.col("`" + f.name() + "`");
            boolean nested = f.dataType() instanceof StructType
                    || f.dataType() instanceof ArrayType
                    || f.dataType() instanceof MapType;
            cols.add(
                    nested
                            ? functions.to_json(c).as(f.name())
                            : c.cast("string").as(f.name()));
        }
        return df.select(cols.toArray(new Column[0]));
    }

    /** Writes the rows as RFC 4180 CSV (header first), streaming them from the executors. */
    static void write(Dataset<Row> df, PrintWriter out) {
        String[] names = df.columns();
        out.println(csvLine(names));
        Iterator<Row> it = df.toLocalIterator();
        String[] cells = new String[names.length];
        while (it.hasNext()) {
            Row r = it.next();
            for (int i = 0; i < cells.length; i++) {
                cells[i] = r.isNullAt(i) ? "" : r.getString(i);
            }
            out.println(csvLine(cells));
        }
    }

    static String csvLine(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
