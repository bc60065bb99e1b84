package uk.lhs.jobs.serve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;

/**
 * Which tables {@code lhs serve} serves, decided once from the table contracts' {@link Release}: by default only the
 * {@link Release#PUBLISHED} tables (disclosure-controlled, safe to leave the lakehouse); with {@code --all-tables}
 * every table except the {@link Release#PATIENT} ones, which are never served. Names are {@code layer.name}, lower
 * case (Spark's identifiers are case-insensitive).
 *
 * @param allTables whether {@code --all-tables} was given
 * @param served the tables served
 * @param refused every other known table, with the reason it is not served
 */
public record ServePolicy(boolean allTables, Set<String> served, Map<String, String> refused) {
    /** Data source names Spark accepts in front of a path ({@code parquet.`/x`}): never served. */
    private static final Set<String> PATH_FORMATS =
            Set.of("delta", "parquet", "csv", "json", "orc", "text", "avro", "binaryfile", "jdbc", "hive", "file");

    public ServePolicy {
        served = Set.copyOf(served);
        refused = Map.copyOf(refused);
    }

    /** The policy over {@link Tables#all()}. */
    public static ServePolicy of(boolean allTables) {
        return of(allTables, Tables.all());
    }

    /** The policy over the given contracts. */
    public static ServePolicy of(boolean allTables, Collection<TableContract> tables) {
        Set<String> served = new TreeSet<>();
        Map<String, String> refused = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        for (TableContract t : tables) {
            names.add(key(t.qualifiedName()));
        }
        for (TableContract t : tables) {
            String name = key(t.qualifiedName());
            if (isServed(t.release(), allTables)) {
                served.add(name);
            } else {
                refused.put(name, reason(name, t.release(), names));
            }
        }
        return new ServePolicy(allTables, served, refused);
    }

    /** Whether a table of this release is served. */
    public static boolean isServed(Release release, boolean allTables) {
        return release == Release.PUBLISHED || (allTables && release != Release.PATIENT);
    }

    private static String reason(String name, Release release, Set<String> names) {
        String published = name + Release.PUBLISHED_SUFFIX;
        String instead = names.contains(published) ? "use " + published + ", or " : "use ";
        return switch (release) {
            case PATIENT -> name + " holds patient-level rows and is never served";
            case EXACT ->
                name + " holds exact counts and is not served; " + instead + "--all-tables on your own machine";
            case METADATA ->
                name + " is not served by default (only published tables are); use --all-tables on"
                        + " your own machine";
            case PUBLISHED -> throw new IllegalStateException(name + " is published");
        };
    }

    /** Whether {@code layer.name} is served. */
    public boolean serves(String qualifiedName) {
        return served.contains(key(qualifiedName));
    }

    /**
     * Why a table reference in a query is refused, or empty when it names a served table.
     *
     * @param parts the identifier as written, e.g. {@code [gold, indicator_values]}, {@code [delta, /x/y]}, or one
     *     part qualified by {@code currentDatabase}
     * @param currentDatabase the session's current database, for one-part names
     */
    public Optional<String> refusal(List<String> parts, String currentDatabase) {
        List<String> p = new ArrayList<>();
        for (String s : parts) {
            p.add(s.toLowerCase(Locale.ROOT));
        }
        if (p.size() == 1) {
            p.add(0, currentDatabase.toLowerCase(Locale.ROOT));
        }
        String written = String.join(".", parts);
        if (p.size() == 3 && p.get(0).equals("spark_catalog")) {
            p.remove(0);
        }
        if (p.size() == 2 && (PATH_FORMATS.contains(p.get(0)) || looksLikePath(p.get(1)))) {
            return Optional.of("path-based reads (" + written + ") are not served; query the served tables by name");
        }
        String name = String.join(".", p);
        if (served.contains(name)) {
            return Optional.empty();
        }
        String known = refused.get(name);
        return Optional.of(known != null ? known : name + " is not a served table (served: " + served + ")");
    }

    private static boolean looksLikePath(String part) {
        return part.contains("/") || part.contains("\\") || part.contains(":");
    }

    private static String key(String qualifiedName) {
        return qualifiedName.toLowerCase(Locale.ROOT);
    }
}
