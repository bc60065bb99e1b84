package uk.lhs.common.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code its_statsmodels.py} with Debian's {@code /usr/bin/python3}, installing python3-statsmodels and
 * python3-pandas with apt-get when they are missing (CI machines are fresh and run as root). All fits go to one
 * Python process, because importing statsmodels takes seconds.
 */
final class StatsmodelsRunner {
    private StatsmodelsRunner() {}

    static final String PYTHON = "/usr/bin/python3";

    /** One fit to ask statsmodels for. */
    record Case(List<MonthlyValue> series, LocalDate start, LocalDate firstPost, int maxLags, boolean smallSample) {}

    /** Makes sure statsmodels can be imported; installs it if not; skips (or fails in CI) if that is impossible. */
    static void ensureStatsmodels() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import statsmodels, pandas")).code == 0) {
            return;
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        install.addAll(List.of("python3", "python3-statsmodels", "python3-pandas"));
        Result r = run(install);
        if (r.code != 0) {
            run(List.of("apt-get", "update"));
            r = run(install);
        }
        if (r.code != 0 || run(List.of(PYTHON, "-c", "import statsmodels, pandas")).code != 0) {
            String why = "could not install statsmodels for " + PYTHON + " (apt-get exit " + r.code + "): " + r.output;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }

    /** Runs every case in one Python process; returns, per case, key → values (one output line each). */
    static List<Map<String, List<String>>> fit(Path dir, List<Case> cases) throws IOException, InterruptedException {
        ensureStatsmodels();
        Path script = dir.resolve("its_statsmodels.py");
        try (var in = StatsmodelsRunner.class.getResourceAsStream("/evaluation/its_statsmodels.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        StringBuilder jobs = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path csv = dir.resolve("series-" + i + ".csv");
            StringBuilder sb = new StringBuilder("period,value\n");
            for (MonthlyValue v : c.series()) {
                sb.append(v.periodStart())
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.17g", v.value()))
                        .append('\n');
            }
            Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
            jobs.append(String.join(
                            " ",
                            csv.toString(),
                            c.start().toString(),
                            c.firstPost().toString(),
                            Integer.toString(c.maxLags()),
                            c.smallSample() ? "1" : "0"))
                    .append('\n');
        }
        Path jobsFile = dir.resolve("jobs.txt");
        Files.writeString(jobsFile, jobs.toString(), StandardCharsets.UTF_8);
        Result r = run(List.of(PYTHON, script.toString(), jobsFile.toString()));
        if (r.code != 0) {
            throw new IllegalStateException("statsmodels script failed (exit " + r.code + "): " + r.output);
        }
        List<Map<String, List<String>>> answers = new ArrayList<>();
        for (String line : r.output.strip().split("\n")) {
            List<String> words = Arrays.asList(line.strip().split(" "));
            if (words.get(0).equals("case")) {
                answers.add(new LinkedHashMap<>());
            } else if (!answers.isEmpty()) {
                answers.get(answers.size() - 1).put(words.get(0), words.subList(1, words.size()));
            }
        }
        if (answers.size() != cases.size() || !answers.stream().allMatch(a -> a.containsKey("params"))) {
            throw new IllegalStateException("unexpected statsmodels output: " + r.output);
        }
        return answers;
    }

    private record Result(int code, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
