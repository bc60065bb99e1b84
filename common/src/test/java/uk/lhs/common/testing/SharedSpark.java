package uk.lhs.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.spark.SparkSessions;

/**
 * One Delta-enabled local Spark session per test JVM, built by the production factory. Each test class gets its own
 * lakehouse folder through {@link #newLakehouse(String)}.
 */
public final class SharedSpark {
    private static SparkSession session;
    private static Path scratch;

    private SharedSpark() {}

    /** The shared session (created on first use). */
    public static synchronized SparkSession session() {
        if (session == null) {
            try {
                scratch = Files.createTempDirectory("lhs-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LhsConfig config = LhsConfig.defaults()
                    .with("spark.default-master", "local[2]")
                    .with("spark.shuffle-partitions", 2)
                    .with("lakehouse", scratch.resolve("default").toString());
            session = SparkSessions.create(config);
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** A fresh, empty lakehouse folder for one test class. */
    public static Path newLakehouse(String name) {
        session();
        try {
            return Files.createTempDirectory(scratch, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configuration pointing at {@code lakehouse}, sized for tests. */
    public static LhsConfig config(Path lakehouse) {
        return LhsConfig.defaults()
                .with("spark.default-master", "local[2]")
                .with("spark.shuffle-partitions", 2)
                .with("lakehouse", lakehouse.toString());
    }
}
