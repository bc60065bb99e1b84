package uk.lhs.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * Issue #18: an empty {@code interventions.yaml} in the landing folder (a truncated or half-saved file) stops the
 * evaluate stage with a one-line message naming the file, and changes no table (before, it deleted every
 * intervention's results); with the register restored the stage runs again.
 */
class EmptyRegisterIT {
    @TempDir
    Path dir;

    private static Map<String, Long> versions(JobContext ctx) {
        Map<String, Long> out = new TreeMap<>();
        for (TableContract t : Tables.all()) {
            if (ctx.lakehouse().exists(t)) {
                out.put(t.qualifiedName(), ctx.lakehouse().currentVersion(t));
            }
        }
        return out;
    }

    @Test
    void anEmptyRegisterIsAnErrorThatChangesNothing() throws Exception {
        JobContext ctx = DemoLakehouse.get().copyTo(dir);
        Path register = dir.resolve("landing").resolve(EvaluateStage.LANDING_REGISTER);
        byte[] original = Files.readAllBytes(register);
        long interventions = ctx.lakehouse()
                .read(uk.lhs.common.tables.EvaluationTables.INTERVENTIONS)
                .count();
        assertTrue(interventions > 0, "the demo register has interventions");
        Map<String, Long> before = versions(ctx);

        Files.writeString(register, "# emptied by mistake\n");
        Exception e = assertThrows(
                Exception.class, () -> Pipeline.run(ctx, List.of(new EvaluateStage()), null, DemoLakehouse.quiet()));
        assertTrue(
                e.getMessage().contains(register.getFileName().toString())
                        && e.getMessage().contains("is empty"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        Map<String, Long> after = versions(ctx);
        after.remove(Tables.PIPELINE_RUNS.qualifiedName()); // the failed stage is recorded, nothing else is written
        before.remove(Tables.PIPELINE_RUNS.qualifiedName());
        assertEquals(before, after);
        assertEquals(
                interventions,
                ctx.lakehouse()
                        .read(uk.lhs.common.tables.EvaluationTables.INTERVENTIONS)
                        .count());

        Files.write(register, original);
        Pipeline.run(ctx, List.of(new EvaluateStage()), null, DemoLakehouse.quiet());
        assertEquals(
                interventions,
                ctx.lakehouse()
                        .read(uk.lhs.common.tables.EvaluationTables.INTERVENTIONS)
                        .count());
    }
}
