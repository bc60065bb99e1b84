package uk.lhs.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import uk.lhs.common.config.LhsConfig;

/** Prints the resolved configuration, so a user can see what a run will use. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Print the resolved configuration (after --config, environment and --conf) and its hash.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        LhsConfig config = common.load();
        config.flatten().forEach((k, v) -> System.out.println(k + " = " + v));
        System.out.println("# config hash " + config.hash());
        return 0;
    }
}
