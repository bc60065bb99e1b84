package uk.lhs.jobs.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.synthetic.GeneratorSummary;
import uk.lhs.common.synthetic.SyntheticGenerator;

/** Writes seeded synthetic data in the formats of the real NHS England publications. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write seeded synthetic data in the real NHS England formats (A&E and RTT CSVs, patient-level"
                + " spells as Parquet, organisation reference, interventions register) plus the ground truth of the"
                + " injected intervention effects under truth/. Same seed, same bytes.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if absent).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = GeneratorOptions.DEFAULT_SEED;

    @Option(names = "--trusts", paramLabel = "N", description = "Number of trusts (default: ${DEFAULT-VALUE}).")
    int trusts = GeneratorOptions.DEFAULT_TRUSTS;

    @Option(names = "--months", paramLabel = "N", description = "Number of months (default: ${DEFAULT-VALUE}).")
    int months = GeneratorOptions.DEFAULT_MONTHS;

    @Option(names = "--end", paramLabel = "YYYY-MM", description = "Last month (default: 2025-03).")
    YearMonth end = GeneratorOptions.DEFAULT_END;

    @Option(
            names = "--spells",
            paramLabel = "N",
            description = "Number of hospital spells (default: ${DEFAULT-VALUE}).")
    long spells = GeneratorOptions.DEFAULT_SPELLS;

    @Option(
            names = "--revise-months",
            paramLabel = "N",
            description = "Also write a revised vintage of the last N A&E months under revised/ae/ (a few providers"
                    + " changed by about 4e-4, TOTAL rows consistent; truth/revisions.csv lists every change)."
                    + " Default: ${DEFAULT-VALUE}.")
    int reviseMonths = 0;

    @Option(
            names = "--schema",
            paramLabel = "FILE",
            description = "Avro schema of the spells (default: ${DEFAULT-VALUE}).")
    Path schema = GeneratorOptions.DEFAULT_SCHEMA;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        GeneratorSummary s = generate(
                new GeneratorOptions(
                        seed, trusts, months, end, spells, GeneratorOptions.DEFAULT_SPELLS_PER_PART, schema),
                out,
                reviseMonths);
        System.out.printf(
                "wrote %d files to %s in %.1f s: %d A&E rows, %d RTT rows, %d spells of %d patients%n",
                s.files().size(),
                out,
                (System.nanoTime() - t0) / 1e9,
                s.rows("ae/"),
                s.rows("rtt/"),
                s.spells(),
                s.patients());
        return 0;
    }

    static GeneratorSummary generate(GeneratorOptions options, Path out) {
        return generate(options, out, 0);
    }

    static GeneratorSummary generate(GeneratorOptions options, Path out, int reviseMonths) {
        requireParquetAvro();
        return SyntheticGenerator.generate(options, out, reviseMonths);
    }

    /**
     * The generator writes its Parquet spells through parquet-avro, which the cluster jar leaves out (it is not needed
     * on a cluster, and 1.13.1 is affected by CVE-2025-30065): say so instead of failing with NoClassDefFoundError.
     */
    static void requireParquetAvro() {
        try {
            Class.forName(PARQUET_AVRO_WRITER, false, GenerateCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the synthetic generator needs parquet-avro, which the cluster jar does not"
                    + " ship: generate the sample locally with bin/lhs generate (or bin/lhs demo) and copy it to the"
                    + " landing folder");
        }
    }

    private static final String PARQUET_AVRO_WRITER = "org.apache.parquet.avro.AvroParquetWriter";
}
