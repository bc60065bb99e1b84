package uk.lhs.jobs.cli;

import picocli.CommandLine.Option;
import uk.lhs.common.config.LhsConfig;

/** {@code --landing DIR} of the commands that ingest ({@code ingest}, {@code run}, {@code demo}). */
final class LandingOption {
    @Option(
            names = "--landing",
            paramLabel = "DIR",
            description = "The landing folder to ingest from (overrides lhs.landing). Default: data/sample.")
    String landing;

    /** The configuration of {@code common} with {@code --landing} applied, when given. */
    LhsConfig load(CommonOptions common) {
        if (landing != null) {
            common.overrides.add(
                    "lhs.landing=\"" + landing.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return common.load();
    }
}
