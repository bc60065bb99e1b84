package uk.lhs.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void theBuildStampsTheVersionIntoTheJar() {
        BuildInfo info = BuildInfo.load();
        assertEquals("0.1.0-SNAPSHOT", info.version());
        assertFalse(info.gitCommit().isBlank());
    }
}
