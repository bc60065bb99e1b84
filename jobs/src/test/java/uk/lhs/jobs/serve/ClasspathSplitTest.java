package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;

/**
 * bin/lhs's two classpath files as the build writes them (jobs/pom.xml, process-test-classes): Hive and libthrift only
 * in lhs serve's, and no jar in both.
 */
class ClasspathSplitTest {
    private static List<String> jars(String file) throws IOException {
        Path p = SharedData.repoRoot().resolve("jobs/target").resolve(file);
        return Arrays.stream(Files.readString(p).trim().split(java.io.File.pathSeparator))
                .map(s -> Path.of(s).getFileName().toString())
                .toList();
    }

    @Test
    void hiveAndThriftOnlyOnTheServeClasspath() throws IOException {
        List<String> main = jars("runtime-classpath.txt");
        List<String> serve = jars("serve-classpath.txt");
        for (String jar : main) {
            // hive-storage-api is not Hive: Spark SQL's ORC reader's vector types, in every Spark distribution.
            boolean hive = jar.startsWith("hive-") && !jar.startsWith("hive-storage-api");
            assertTrue(!hive && !jar.startsWith("libthrift") && !jar.startsWith("spark-hive"), jar);
        }
        assertTrue(serve.stream().anyMatch(j -> j.startsWith("libthrift-0.12.0")), serve.toString());
        assertTrue(serve.stream().anyMatch(j -> j.startsWith("hive-exec-2.3.9")), serve.toString());
        assertTrue(serve.stream().anyMatch(j -> j.startsWith("spark-hive-thriftserver")), serve.toString());
        assertEquals(List.of(), serve.stream().filter(main::contains).toList());
        assertTrue(main.stream().anyMatch(j -> j.startsWith("parquet-jackson")), "Parquet footers need it");
        assertTrue(main.stream().anyMatch(j -> j.startsWith("delta-spark")), main.toString());
    }
}
