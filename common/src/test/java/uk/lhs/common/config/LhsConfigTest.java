package uk.lhs.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LhsConfigTest {
    @Test
    void defaultsComeFromReferenceConf() {
        LhsConfig c = LhsConfig.defaults();
        assertEquals(8, c.disclosureSuppressBelow());
        assertEquals(5, c.disclosureRoundTo());
        assertEquals("local[*]", c.sparkDefaultMaster());
    }

    @Test
    void commandLineOverridesBeatTheFileWhichBeatsDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site.conf");
        Files.writeString(file, "lhs { spark.shuffle-partitions = 12, environment = \"site\" }");
        LhsConfig fromFile = LhsConfig.load(file, List.of());
        assertEquals(12, fromFile.shufflePartitions());
        assertEquals("site", fromFile.environment());
        LhsConfig overridden = LhsConfig.load(file, List.of("spark.shuffle-partitions=3", "lhs.environment=ci"));
        assertEquals(3, overridden.shufflePartitions());
        assertEquals("ci", overridden.environment());
        assertNotEquals(fromFile.hash(), overridden.hash());
    }

    @Test
    void freeFormSparkPropertiesPassThrough() {
        LhsConfig c = LhsConfig.load(null, List.of("lhs.spark.conf.\"spark.executor.memory\"=\"4g\""));
        assertEquals("4g", c.sparkConf().get("spark.executor.memory"));
    }

    @Test
    void unknownKeysAndMalformedOverridesAreErrors(@TempDir Path dir) {
        LhsConfig.ConfigError typo =
                assertThrows(LhsConfig.ConfigError.class, () -> LhsConfig.load(null, List.of("lhs.lakehose=/tmp/x")));
        assertTrue(typo.getMessage().contains("unknown configuration key lhs.lakehose"), typo.getMessage());
        LhsConfig.ConfigError noEquals =
                assertThrows(LhsConfig.ConfigError.class, () -> LhsConfig.load(null, List.of("lakehouse")));
        assertTrue(noEquals.getMessage().contains("is not key=value"));
        assertThrows(LhsConfig.ConfigError.class, () -> LhsConfig.load(dir.resolve("absent.conf"), List.of()));
    }

    @Test
    void shippedConfigFilesParseAndUseOnlyKnownKeys() {
        Path root = uk.lhs.common.testing.SharedData.repoRoot();
        assertEquals(
                "local",
                LhsConfig.load(root.resolve("conf/local.conf"), List.of()).environment());
        assertEquals(
                "production",
                LhsConfig.load(root.resolve("conf/cluster.conf"), List.of()).environment());
    }
}
