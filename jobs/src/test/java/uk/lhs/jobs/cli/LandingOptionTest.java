package uk.lhs.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import uk.lhs.jobs.ingest.IngestStage;

/** {@code --landing DIR} on {@code run}, {@code ingest} and {@code demo} sets {@code lhs.landing} (issue #18). */
class LandingOptionTest {
    @Test
    void landingSetsTheLandingFolderOfRunIngestAndDemo() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--landing", "/data/nhs landing", "--period", "2024-05");
        assertEquals(
                Path.of("/data/nhs landing"), run.landingOption.load(run.common).landing());

        StageCommand ingest = new StageCommand(new IngestStage());
        new CommandLine(ingest).parseArgs("--landing", "C:\\\\landing\\\\\"q\"");
        assertEquals(
                Path.of("C:\\\\landing\\\\\"q\""),
                ingest.landingOption.load(ingest.common).landing());

        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--landing", "/tmp/real", "--conf", "lhs.landing=/ignored");
        assertEquals(Path.of("/tmp/real"), demo.landingOption.load(demo.common).landing(), "--landing wins");
    }

    @Test
    void withoutLandingTheConfiguredFolderIsUsed() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--conf", "lhs.landing=/configured");
        assertEquals(Path.of("/configured"), run.landingOption.load(run.common).landing());
    }
}
