package uk.lhs.common.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the read-only {@code ../shared} folder that sits beside the repository (real NHS England files and the
 * peer tools' reference results). In CI ({@code CI=true}) a missing folder is an error, so a test can never pass
 * by silently skipping; on a developer machine without it the test is skipped with a message saying why.
 */
public final class SharedData {
    private SharedData() {}

    /** The repository root (Surefire sets {@code lhs.repo.root}; falls back to the working directory's parents). */
    public static Path repoRoot() {
        String root = System.getProperty("lhs.repo.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("conf"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    /** A path under {@code ../shared}, e.g. {@code path("data/ae_monthly_provider/Monthly-AE-2024-04.csv")}. */
    public static Path path(String relative) {
        Path shared = Path.of(System.getProperty(
                        "lhs.shared.dir", repoRoot().resolve("../shared").toString()))
                .toAbsolutePath()
                .normalize();
        Path p = shared.resolve(relative);
        if (!Files.exists(p)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI needs ../shared beside the clone, but " + p + " does not exist");
            }
            Assumptions.abort("shared data not present here: " + p);
        }
        return p;
    }
}
