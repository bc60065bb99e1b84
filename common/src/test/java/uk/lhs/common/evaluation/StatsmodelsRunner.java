package uk.lhs.common.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * python3-pandas with apt-get when they are missing (CI machines are fresh and run as root).
 */
final class StatsmodelsRunner {
  private StatsmodelsRunner() {}

  static final String PYTHON = "/usr/bin/python3";

  /** Makes sure statsmodels can be imported; installs it if not; skips (or fails in CI) if that is impossible. */
  static void ensureStatsmodels() throws IOException, InterruptedException {
    if (Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import statsmodels, pandas")).code == 0) {
      return;
    }
    List<String> packages = List.of("python3", "python3-statsmodels", "python3-pandas");
    List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
    install.addAll(packages);
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

  /** Writes the series to {@code dir}, runs the script and returns its answer: key → values, one line each. */
  static Map<String, List<String>> fit(
      Path dir, List<MonthlyValue> series, LocalDate start, LocalDate firstPost, int maxLags, boolean smallSample)
      throws IOException, InterruptedException {
    ensureStatsmodels();
    Path csv = dir.resolve("series.csv");
    StringBuilder sb = new StringBuilder("period,value\n");
    for (MonthlyValue v : series) {
      sb.append(v.periodStart()).append(',').append(String.format(Locale.ROOT, "%.17g", v.value())).append('\n');
    }
    Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    Path script = dir.resolve("its_statsmodels.py");
    try (var in = StatsmodelsRunner.class.getResourceAsStream("/evaluation/its_statsmodels.py")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Result r = run(List.of(
        PYTHON, script.toString(), csv.toString(), start.toString(), firstPost.toString(), Integer.toString(maxLags),
        smallSample ? "1" : "0"));
    if (r.code != 0) {
      throw new IllegalStateException("statsmodels script failed (exit " + r.code + "): " + r.output);
    }
    Map<String, List<String>> answer = new LinkedHashMap<>();
    for (String line : r.output.strip().split("\n")) {
      List<String> words = Arrays.asList(line.strip().split(" "));
      answer.put(words.get(0), words.subList(1, words.size()));
    }
    if (!answer.containsKey("params")) {
      throw new IllegalStateException("unexpected statsmodels output: " + r.output);
    }
    return answer;
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
