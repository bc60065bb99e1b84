package uk.lhs.common.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.config.LhsConfig;

/** Where the row-hash key comes from: configuration, else a key file generated once, owner-only. */
class RowHashKeyTest {
    private static final List<String> ROW = List.of("1", "P1", "RXX");

    @Test
    void generatesOneOwnerOnlyKeyPerLakehouseAndReusesIt(@TempDir Path dir) throws Exception {
        Path lakehouse = dir.resolve("lakehouse");
        LhsConfig config = LhsConfig.defaults();
        RowHash first = RowHashKey.resolve(config, lakehouse.toString(), new Configuration());
        Path file = lakehouse.resolve(RowHashKey.KEY_FILE);
        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String key = Files.readString(file).trim();
        assertTrue(key.matches("[0-9a-f]{64}"), "256 random bits as hex");
        RowHash again = RowHashKey.resolve(config, lakehouse.toString(), new Configuration());
        assertEquals(first.ofFields(ROW), again.ofFields(ROW), "the same key in a later run");
        assertEquals(key, Files.readString(file).trim(), "the file is not rewritten");

        RowHash other = RowHashKey.resolve(config, dir.resolve("other").toString(), new Configuration());
        assertNotEquals(first.ofFields(ROW), other.ofFields(ROW), "another lakehouse, another key");
    }

    @Test
    void aConfiguredKeyWinsAndIsNeverShown(@TempDir Path dir) {
        String secret = "configured-secret-key-0123456789abcdef";
        LhsConfig config = LhsConfig.defaults().with(RowHashKey.CONFIG_KEY, secret);
        RowHash h = RowHashKey.resolve(config, dir.toString(), new Configuration());
        assertEquals(new RowHash(secret).ofFields(ROW), h.ofFields(ROW));
        assertFalse(Files.exists(dir.resolve(RowHashKey.KEY_FILE)), "no key file when one is configured");
        assertEquals(LhsConfig.SECRET_SHOWN, config.flatten().get(RowHashKey.CONFIG_KEY));
        assertFalse(config.flatten().toString().contains(secret));
        assertEquals(
                config.hash(),
                LhsConfig.defaults()
                        .with(RowHashKey.CONFIG_KEY, secret.replace('0', 'x'))
                        .hash(),
                "the config hash does not depend on the secret");
    }

    @Test
    void aShortConfiguredKeyIsRefused(@TempDir Path dir) {
        LhsConfig config = LhsConfig.defaults().with(RowHashKey.CONFIG_KEY, "too-short");
        assertThrows(
                LhsConfig.ConfigError.class, () -> RowHashKey.resolve(config, dir.toString(), new Configuration()));
    }
}
