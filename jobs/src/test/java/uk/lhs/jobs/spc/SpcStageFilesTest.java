package uk.lhs.jobs.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.jobs.indicators.IndicatorsStage;
import uk.lhs.jobs.pipeline.JobContext;

/**
 * The files {@code lhs spc}'s up-to-date check depends on: the indicator catalog, which chooses the charted series
 * ({@code spc_levels}, {@code spc_months}), so an edited or added catalog file re-charts. Listing the files needs only
 * the configuration: the context has no Spark session.
 */
class SpcStageFilesTest {
    @Test
    void theCatalogFilesAreSpcsFiles(@TempDir Path dir) throws IOException {
        Path catalog = Files.createDirectories(dir.resolve("indicators"));
        Files.writeString(catalog.resolve("spells.yaml"), "indicators: []\n");
        Files.writeString(Files.createDirectories(catalog.resolve("more")).resolve("ae.yaml"), "indicators: []\n");
        JobContext ctx = new JobContext(
                LhsConfig.defaults().with("indicators-dir", catalog.toString()),
                null,
                null,
                null,
                Clock.systemUTC(),
                null);
        List<String> files = new SpcStage().filesUsed(ctx, null);
        assertEquals(
                List.of(
                        catalog.resolve("more/ae.yaml").toAbsolutePath().toUri().toString(),
                        catalog.resolve("spells.yaml").toAbsolutePath().toUri().toString()),
                files);
        assertEquals(
                new IndicatorsStage().filesUsed(ctx, null), files, "spc depends on the catalog as indicators does");
        Files.writeString(catalog.resolve("added.yaml"), "indicators: []\n");
        assertNotEquals(files, new SpcStage().filesUsed(ctx, null), "an added catalog file is a changed input");
    }
}
