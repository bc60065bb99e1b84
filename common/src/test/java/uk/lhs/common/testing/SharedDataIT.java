package uk.lhs.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SharedDataIT {
    @Test
    void repoRootIsTheFolderWithThePom() {
        assertTrue(Files.exists(SharedData.repoRoot().resolve("pom.xml")), "repo root: " + SharedData.repoRoot());
    }

    @Test
    void findsTheMethodologyNotes() throws java.io.IOException {
        assertTrue(Files.size(SharedData.path("data/METHODOLOGY.md")) > 0);
    }
}
