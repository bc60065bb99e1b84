package uk.lhs.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.jobs.Stages;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * The promise: notebook 02 pinned to a run prints the same numbers after NHS England revises a month and the
 * pipeline runs again — while the same notebook on the latest run shows the revision.
 */
class ReproducibilityIT {
    static final String NOTEBOOK = "02-evaluate-an-intervention.ipynb";
    /** The A&E count revised: the exposed trust's type 1 attendances over four hours, halved. */
    /** A comma followed by an even number of double quotes up to the end of the line: a separator, not text. */
    static final String OUTSIDE_QUOTES = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)";

    static final String REVISED_COLUMN = "Attendances over 4hrs Type 1";

    @Test
    void aPinnedRunPrintsTheSameNumbersAfterARevisionAndARerun(@TempDir Path dir) throws IOException {
        NotebookRunner.requireJupyter();
        JobContext ctx = DemoLakehouse.get().copyTo(dir.resolve("copy"));
        Map<String, String> env =
                Map.of("LHS_LAKEHOUSE", dir.resolve("copy/lakehouse").toString());
        String firstRun = ctx.lakehouse().asOfRun("latest").runId();
        Path out = dir.resolve("executed");

        NotebookRunner.Executed before =
                NotebookRunner.execute(NOTEBOOK, out, "02-first-run", with(env, "LHS_RUN_ID", firstRun));
        assertTrue(
                before.text().contains("values differing: 0"),
                "the notebook reproduces gold.intervention_effects:\n" + before.text());

        String trust = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTIONS)
                .orderBy("intervention_id")
                .first()
                .getList(2)
                .get(0)
                .toString();
        Path revisedFile = reviseEarliest(dir.resolve("copy/landing/ae"), trust);
        assertTrue(revisedFile != null, "no A&E file with a plain row for " + trust);
        Pipeline.run(ctx, Stages.all(), null, DemoLakehouse.quiet());
        String secondRun = ctx.lakehouse().asOfRun("latest").runId();
        assertNotEquals(firstRun, secondRun);

        NotebookRunner.Executed pinned =
                NotebookRunner.execute(NOTEBOOK, out, "02-first-run-again", with(env, "LHS_RUN_ID", firstRun));
        NotebookRunner.Executed latest =
                NotebookRunner.execute(NOTEBOOK, out, "02-latest", with(env, "LHS_RUN_ID", "latest"));

        assertEquals(before.cellTexts(), pinned.cellTexts(), "every line printed when pinned to " + firstRun);
        assertTrue(
                latest.cellTexts().get(0).startsWith("run " + secondRun),
                latest.cellTexts().get(0));
        assertNotEquals(
                before.cellTexts().subList(1, before.cellTexts().size()),
                latest.cellTexts().subList(1, latest.cellTexts().size()),
                "the latest run shows the revised month");
        assertTrue(latest.text().contains("values differing: 0"), latest.text());
    }

    static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put(key, value);
        return all;
    }

    /**
     * Revises the earliest A&amp;E file that has one plain (unquoted) row for {@code trust}; the generator leaves a trust
     * out of some months (missing-month defects), so the earliest file may not hold it. Returns the file, or null.
     */
    static Path reviseEarliest(Path folder, String trust) throws IOException {
        List<Path> sorted;
        try (Stream<Path> files = Files.list(folder)) {
            sorted = files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .sorted()
                    .toList();
        }
        for (Path f : sorted) {
            if (revise(f, trust)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Re-publishes the file with {@link #REVISED_COLUMN} of {@code trust}'s row halved (a revision NHS England makes);
     * false (file untouched) unless exactly one plain row of the trust is found.
     */
    static boolean revise(Path file, String trust) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int column = List.of(lines.get(0).split(OUTSIDE_QUOTES, -1)).indexOf(REVISED_COLUMN);
        assertTrue(column >= 0, "no column " + REVISED_COLUMN + " in " + file);
        List<String> revised = new ArrayList<>();
        int changed = 0;
        for (String line : lines) {
            // Split on commas outside quotes (organisation names such as "X, Y AND Z TRUST" are quoted); cells keep
            // their quotes, so joining them again rebuilds the line.
            String[] cells = line.split(OUTSIDE_QUOTES, -1);
            if (cells.length > column
                    && cells.length > 1
                    && cells[1].equals(trust)
                    && cells[column].matches("[0-9]+")) {
                cells[column] = String.valueOf(Long.parseLong(cells[column]) / 2);
                line = String.join(",", cells);
                changed++;
            }
            revised.add(line);
        }
        if (changed != 1) {
            return false;
        }
        Files.write(file, revised, StandardCharsets.UTF_8);
        return true;
    }
}
