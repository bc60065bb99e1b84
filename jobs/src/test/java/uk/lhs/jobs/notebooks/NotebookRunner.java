package uk.lhs.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import uk.lhs.common.testing.SharedData;

/**
 * Runs the researchers' notebooks headless the way {@code bin/lhs notebook --execute} does: Debian's
 * {@code jupyter nbconvert --to notebook --execute} on the {@code lhs-java} kernel written by
 * {@code notebooks/install-kernel.sh}, with this build's classes on the kernel's classpath.
 */
final class NotebookRunner {
    /** Debian's Python, where apt installs Jupyter (the PATH python3 may be a pyenv shim without it). */
    static final String PYTHON = "/usr/bin/python3";
    /** Seconds nbclient waits, after a cell's reply, for the rest of that cell's output before failing. */
    static final int IOPUB_TIMEOUT_SECONDS = 120;
    /** Per-cell timeout handed to nbconvert, seconds: a cell that hangs fails the test rather than the build. */
    static final int CELL_TIMEOUT_SECONDS = 600;
    /** Seconds nbconvert waits for the kernel to answer its first request (a healthy start takes 5-40 s). */
    static final int STARTUP_TIMEOUT_SECONDS = 120;
    /** Kernel starts tried per notebook (see the start-up race in {@link #execute}). */
    static final int KERNEL_START_ATTEMPTS = 4;

    private static Path jupyterPath;

    private NotebookRunner() {}

    /** What one executed notebook printed: per code cell, its text outputs; and how many images it drew. */
    record Executed(Path file, List<String> cellTexts, int images) {
        /** Every text output, cell by cell, separated by blank lines. */
        String text() {
            return String.join("\n", cellTexts);
        }
    }

    /**
     * Skips the calling test when Jupyter is not installed on a developer machine; in CI (environment variable
     * {@code CI} set) a missing Jupyter is a failure, because .ci/run installs it.
     */
    static void requireJupyter() {
        boolean present;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import nbconvert, nbclient, jupyter_client")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!present && System.getenv("CI") != null) {
            fail("Jupyter (nbconvert, nbclient) is missing under " + PYTHON + " in CI; .ci/run installs"
                    + " jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client");
        }
        Assumptions.assumeTrue(
                present,
                "Jupyter is not installed (apt-get install --no-install-recommends"
                        + " jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client); notebook tests skipped");
    }

    /** The notebook folder of the repository. */
    static Path notebooks() {
        return SharedData.repoRoot().resolve("notebooks");
    }

    /** Writes the kernel spec once per JVM (this build's classes + dependencies) and returns its JUPYTER_PATH. */
    static synchronized Path kernel() {
        if (jupyterPath == null) {
            Path root = SharedData.repoRoot();
            // Written by the build (jobs/pom.xml, executions notebook-classpath*): compile + provided, then runtime.
            Path cpFile = root.resolve("jobs/target/notebook/classpath.txt");
            Path runtimeFile = root.resolve("jobs/target/notebook/classpath-runtime.txt");
            java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
            entries.add(root.resolve("jobs/target/classes").toString());
            try {
                entries.addAll(List.of(Files.readString(cpFile).strip().split(":")));
                entries.addAll(List.of(Files.readString(runtimeFile).strip().split(":")));
            } catch (IOException e) {
                throw new UncheckedIOException("no " + cpFile + " or " + runtimeFile + ": the build writes them", e);
            }
            String classpath = String.join(":", entries);
            String out = run(
                    List.of(root.resolve("notebooks/install-kernel.sh").toString(), "--classpath", classpath),
                    Map.of(),
                    root.resolve("jobs/target/notebook/install-kernel.log"));
            String[] lines = out.strip().split("\n");
            jupyterPath = Path.of(lines[lines.length - 1].strip());
        }
        return jupyterPath;
    }

    /**
     * Executes {@code notebook} into {@code outDir/outName} with the given environment (LHS_LAKEHOUSE, LHS_RUN_ID, ...)
     * and returns what it printed. Fails with nbconvert's error (the failing cell and its traceback) if a cell fails.
     */
    static Executed execute(String notebook, Path outDir, String outName, Map<String, String> env) {
        Path jp = kernel();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JUPYTER_PATH", jp.toString());
        List<String> command = List.of(
                PYTHON,
                "-m",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.kernel_name=lhs-java",
                "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_SECONDS,
                "--ExecutePreprocessor.startup_timeout=" + STARTUP_TIMEOUT_SECONDS,
                // nbclient waits only 4 s (its default) after a cell's reply for the cell's remaining output, then
                // drops it
                // without failing; under load a cell's last printed lines arrived later than that and were lost.
                "--ExecutePreprocessor.iopub_timeout=" + IOPUB_TIMEOUT_SECONDS,
                "--ExecutePreprocessor.raise_on_iopub_timeout=True",
                "--output-dir",
                outDir.toString(),
                "--output",
                outName,
                notebooks().resolve(notebook).toString());
        Path log = outDir.resolve(outName + ".log");
        for (int attempt = 1; ; attempt++) {
            try {
                run(command, all, log);
                break;
            } catch (AssertionError e) {
                // rapaio-jupyter-kernel 3.0.1 binds its sockets before it registers its message handlers: a request
                // that
                // arrives in between kills its shell thread (NullPointerException in Channels.getHandler) and the
                // kernel
                // never answers. That is a start-up race, not a notebook failure: start a fresh kernel.
                if (attempt >= KERNEL_START_ATTEMPTS
                        || !String.valueOf(e.getMessage()).contains("Kernel didn't respond")) {
                    throw e;
                }
            }
        }
        return read(outDir.resolve(outName.endsWith(".ipynb") ? outName : outName + ".ipynb"));
    }

    /** Reads an executed notebook's outputs; fails if any cell has an error output. */
    static Executed read(Path file) {
        try {
            JsonNode nb = new ObjectMapper().readTree(file.toFile());
            List<String> texts = new ArrayList<>();
            int images = 0;
            for (JsonNode cell : nb.get("cells")) {
                if (!"code".equals(cell.get("cell_type").asText())) {
                    continue;
                }
                StringBuilder b = new StringBuilder();
                for (JsonNode out : cell.get("outputs")) {
                    String type = out.get("output_type").asText();
                    if ("error".equals(type)) {
                        fail(file.getFileName() + ": a cell failed: "
                                + out.path("ename").asText() + ": "
                                + out.path("evalue").asText());
                    }
                    if ("stream".equals(type)) {
                        b.append(join(out.get("text")));
                    }
                    JsonNode data = out.path("data");
                    if (data.has("text/plain")) {
                        b.append(join(data.get("text/plain")));
                    }
                    if (data.has("image/png") || data.has("image/svg+xml")) {
                        images++;
                    }
                }
                texts.add(b.toString());
            }
            return new Executed(file, texts, images);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(JsonNode text) {
        if (text.isArray()) {
            StringBuilder b = new StringBuilder();
            text.forEach(t -> b.append(t.asText()));
            return b.toString();
        }
        return text.asText();
    }

    private static String run(List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("timed out: " + command.get(command.size() - 1));
            }
            if (p.exitValue() != 0) {
                String err = Files.readString(log);
                fail(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " ... failed (exit "
                        + p.exitValue() + "):\n" + err.substring(Math.max(0, err.length() - 6000)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
