package uk.lhs.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and git commit stamped into the jar by the build, for run lineage. */
public record BuildInfo(String version, String gitCommit) {

    /** Reads {@code uk/lhs/common/build.properties} from the classpath. */
    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/uk/lhs/common/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("git.commit", "unknown"));
    }
}
