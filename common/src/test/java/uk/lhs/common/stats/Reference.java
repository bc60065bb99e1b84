package uk.lhs.common.stats;

import java.io.IOException;
import java.nio.file.Path;
import uk.lhs.common.testing.SharedData;

/** Paths to the peer tools' reference files in /work/shared/reference/peers (see their README.md for provenance). */
final class Reference {
    private Reference() {}

    static Csv phe(String file) throws IOException {
        return Csv.read(path("PHEindicatormethods/" + file));
    }

    static Csv funnelPlotR(String file) throws IOException {
        return Csv.read(path("FunnelPlotR/" + file));
    }

    static Path path(String relative) {
        return SharedData.path("reference/peers/" + relative);
    }

    /**
     * Whether {@code actual} reproduces a reference value printed as {@code printed}: within half a unit of its last
     * printed decimal, plus a relative 1e-9 for values printed with 15 significant digits.
     */
    static boolean matches(double actual, String printed) {
        double expected = Csv.number(printed);
        if (Double.isNaN(expected)) {
            return Double.isNaN(actual);
        }
        double tolerance = 0.5 * Math.pow(10, -Csv.decimals(printed)) + 1e-9 * Math.abs(expected);
        return Math.abs(actual - expected) <= tolerance;
    }
}
