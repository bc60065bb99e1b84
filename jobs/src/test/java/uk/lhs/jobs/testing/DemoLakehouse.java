package uk.lhs.jobs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.stream.Stream;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.Stages;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * One small generated lakehouse per test JVM: the generator's output (seed 7, 14 trusts, 12 months, 3,000 spells) run
 * once through every stage. Built on first use under {@code jobs/target/demo-lakehouse/} — a real folder, so other
 * processes (a notebook kernel, a browser, a spark-submit) can read it too. Tests treat it as READ-ONLY; a test that
 * needs to run more stages on it works on a {@link #copyTo copy}.
 */
public final class DemoLakehouse {
    /** Generator options of the demo sample (small enough for the suite, every stage has work). */
    public static final GeneratorOptions OPTIONS = new GeneratorOptions(
            7,
            14,
            12,
            YearMonth.of(2025, 3),
            3_000,
            1_000_000,
            SharedData.repoRoot().resolve("conf/schemas/spell.avsc"));

    private static DemoLakehouse instance;

    private final Path root;
    private final JobContext ctx;

    private DemoLakehouse(Path root, JobContext ctx) {
        this.root = root;
        this.ctx = ctx;
    }

    /** The demo lakehouse, generated and run through every stage on first call (about a minute). */
    public static synchronized DemoLakehouse get() {
        if (instance == null) {
            Path root = SharedData.repoRoot().resolve("jobs/target/demo-lakehouse");
            deleteRecursively(root);
            SyntheticGenerator.generate(OPTIONS, root.resolve("landing"));
            DemoLakehouse demo = new DemoLakehouse(root, context(root));
            Pipeline.run(demo.ctx, Stages.all(), null, quiet());
            instance = demo;
        }
        return instance;
    }

    /** Copies the landing folder and lakehouse to {@code target} and returns a context over the copy. */
    public JobContext copyTo(Path target) {
        copyRecursively(root, target);
        return context(target);
    }

    /** The job context over the demo lakehouse (read it; do not run stages on it). */
    public JobContext context() {
        return ctx;
    }

    /** The folder holding {@code landing/} (generated input) and {@code lakehouse/} (the Delta tables). */
    public Path root() {
        return root;
    }

    /** The lakehouse folder. */
    public Path lakehouse() {
        return root.resolve("lakehouse");
    }

    /** A console that swallows the stage summaries. */
    public static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** A context whose landing folder and lakehouse are {@code root/landing} and {@code root/lakehouse}. */
    public static JobContext context(Path root) {
        LhsConfig config = SharedSpark.config(root.resolve("lakehouse"))
                .with("landing", root.resolve("landing").toString())
                .with(
                        "reference-dir",
                        SharedData.repoRoot().resolve("conf/reference").toString())
                .with(
                        "indicators-dir",
                        SharedData.repoRoot().resolve("conf/indicators").toString())
                .with(
                        "interventions",
                        SharedData.repoRoot().resolve("conf/interventions.yaml").toString());
        return JobContext.around(config, SharedSpark.session(), Clock.systemUTC());
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyRecursively(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
