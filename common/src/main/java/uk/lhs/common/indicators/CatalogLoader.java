package uk.lhs.common.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;
import uk.lhs.common.vocab.OrgLevel;

/**
 * Reads the indicator catalog: every {@code *.yaml} / {@code *.yml} file of a folder, each holding a list under
 * {@code indicators:}. Every entry is checked before any job runs — unknown keys, missing fields, unknown dataset,
 * SQL that does not parse or names a column the dataset lacks, unknown type / direction / chart, a duplicate id, a
 * reliability minimum ({@code min_denominator}, {@code min_expected}) that is not a number ≥ 0 or does not fit the
 * type (see {@link Reliability}) — and all problems are reported together in one {@link CatalogException}, each naming its file and entry.
 */
public final class CatalogLoader {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> KEYS = Set.of(
            "id",
            "version",
            "title",
            "description",
            "dataset",
            "filter",
            "type",
            "numerator",
            "denominator",
            "sum_squares",
            "bands",
            "percentile",
            "multiplier",
            "unit",
            "improvement_direction",
            "chart_type",
            "funnel",
            Reliability.MIN_DENOMINATOR_KEY,
            Reliability.MIN_EXPECTED_KEY,
            "targets",
            "source",
            "methodology",
            "spc_levels",
            "spc_months");
    private static final Set<String> TARGET_KEYS = Set.of("value", "from", "to", "source");
    /**
     * The chart types an indicator may declare as its default: the "Making Data Count" defaults. The SPC engine draws
     * the other {@link ChartType}s (I, MR, P, U, T) on request, but the catalog keeps to these.
     */
    static final List<ChartType> CATALOG_CHARTS =
            List.of(ChartType.XMR, ChartType.P_PRIME, ChartType.U_PRIME, ChartType.C, ChartType.RUN);

    private CatalogLoader() {}

    /**
     * Loads and validates every catalog file in {@code dir}.
     *
     * @return the indicators in file-name order, then file order
     * @throws CatalogException listing every problem found
     */
    public static IndicatorCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CatalogException(
                    List.of(dir + ": no such folder; set lhs.indicators-dir to the folder holding the"
                            + " indicator catalog (conf/indicators in the repository)"));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                texts.put(f.getFileName().toString(), Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parse(texts);
    }

    /**
     * Validates catalog texts held in memory (tests, notebooks).
     *
     * @param files file name to YAML text, in load order
     */
    public static IndicatorCatalog parse(Map<String, String> files) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> problems = new ArrayList<>();
        List<Indicator> indicators = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String file = f.getKey();
            JsonNode root;
            try {
                root = yaml.readTree(f.getValue());
            } catch (IOException e) {
                problems.add(file + ": not valid YAML (" + e.getMessage().replace('\n', ' ') + "); fix the syntax");
                continue;
            }
            JsonNode list = root == null ? null : root.get("indicators");
            if (list == null || !list.isArray()) {
                problems.add(
                        file + ": no list under 'indicators:'; a catalog file is 'indicators:' followed by entries");
                continue;
            }
            int index = 0;
            for (JsonNode node : list) {
                index++;
                Entry e = new Entry(file, node, index, problems);
                Indicator ind = e.indicator();
                if (ind == null) {
                    continue;
                }
                String previous = seen.putIfAbsent(ind.id(), file);
                if (previous != null) {
                    problems.add(file + ": entry '" + ind.id() + "': duplicate id, already defined in " + previous
                            + "; ids must be unique across the catalog, rename one");
                    continue;
                }
                indicators.add(ind);
            }
        }
        if (indicators.isEmpty() && problems.isEmpty()) {
            problems.add("the catalog defines no indicators; add a *.yaml file with an 'indicators:' list");
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return new IndicatorCatalog(indicators);
    }

    /** Reads and checks one entry, adding problems as it goes. */
    private static final class Entry {
        private final String file;
        private final JsonNode node;
        private final List<String> problems;
        private final String name;
        private final int before;

        Entry(String file, JsonNode node, int index, List<String> problems) {
            this.file = file;
            this.node = node;
            this.problems = problems;
            this.before = problems.size();
            JsonNode id = node.get("id");
            this.name = id != null && id.isTextual() ? "'" + id.asText() + "'" : "#" + index;
        }

        private void problem(String what) {
            problems.add(file + ": entry " + name + ": " + what);
        }

        Indicator indicator() {
            if (!node.isObject()) {
                problem("is not a mapping of keys to values");
                return null;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k)) {
                    problem("unknown key '" + k + "'; known keys are " + new java.util.TreeSet<>(KEYS));
                }
            }
            String id = text("id", true);
            if (id != null && !ID.matcher(id).matches()) {
                problem("id must be lower case letters, digits and underscores, starting with a letter");
            }
            int version = node.has("version") ? node.get("version").asInt(-1) : 1;
            if (version < 1) {
                problem("version must be a whole number from 1");
            }
            String title = text("title", true);
            String description = text("description", true);
            String dataset = text("dataset", true);
            Optional<TableContract> contract = Optional.empty();
            if (dataset != null) {
                contract = IndicatorDatasets.contract(dataset);
                if (contract.isEmpty()) {
                    problem("unknown dataset '" + dataset + "'; known datasets are " + IndicatorDatasets.names());
                }
            }
            MeasureType type = choice("type", MeasureType.class, null);
            ImprovementDirection direction =
                    coded("improvement_direction", List.of(ImprovementDirection.values()), ImprovementDirection::code);
            ChartType chart = coded("chart_type", CATALOG_CHARTS, ChartType::code);
            FunnelMethod funnel = type == null
                    ? FunnelMethod.NONE
                    : choice("funnel", FunnelMethod.class, FunnelMethod.defaultFor(type));
            String filter = text("filter", false);
            String numerator = text("numerator", false);
            String denominator = text("denominator", false);
            String sumSquares = text("sum_squares", false);
            String bands = text("bands", false);
            BigDecimal percentile =
                    node.has("percentile") ? node.get("percentile").decimalValue() : null;
            double multiplier = node.has("multiplier") ? node.get("multiplier").asDouble(Double.NaN) : 1.0;
            if (!(multiplier > 0)) {
                problem("multiplier must be a positive number, e.g. 1000 for a rate per 1,000");
            }
            if (type != null) {
                checkShape(type, numerator, denominator, bands, percentile, multiplier, funnel);
                if ((type == MeasureType.MEAN) != (sumSquares != null)) {
                    problem(
                            type == MeasureType.MEAN
                                    ? "a mean needs 'sum_squares', the SQL summed for the squares of the"
                                            + " values (its interval)"
                                    : "'sum_squares' belongs to type mean only; remove it");
                }
            }
            if (contract.isPresent()) {
                StructType schema = contract.get().schema();
                checkSql("filter", filter, schema);
                checkSql("numerator", numerator, schema);
                checkSql("denominator", denominator, schema);
                checkSql("sum_squares", sumSquares, schema);
                if (bands != null) {
                    checkBands(bands, schema);
                }
            }
            double reliabilityMinimum = type == null ? 0 : reliabilityMinimum(type);
            List<Target> targets = targets();
            String unit = text("unit", true);
            String source = text("source", true);
            String methodology = text("methodology", true);
            List<OrgLevel> spcLevels = spcLevels();
            List<Integer> spcMonths = spcMonths();
            if (problems.size() > before) {
                return null;
            }
            return new Indicator(
                    id,
                    version,
                    title,
                    description,
                    dataset,
                    filter,
                    type,
                    numerator,
                    denominator,
                    sumSquares,
                    bands,
                    percentile,
                    multiplier,
                    unit,
                    direction,
                    chart,
                    funnel,
                    reliabilityMinimum,
                    targets,
                    source,
                    methodology,
                    spcLevels,
                    spcMonths);
        }

        /** {@code spc_levels}: a list of org levels (trust, system, region, england); absent means all. */
        private List<OrgLevel> spcLevels() {
            JsonNode list = node.get("spc_levels");
            List<OrgLevel> out = new ArrayList<>();
            if (list == null || list.isNull()) {
                return out;
            }
            if (!list.isArray() || list.isEmpty()) {
                problem("spc_levels must be a non-empty list of organisation levels, e.g. [system, region, england]");
                return out;
            }
            for (JsonNode n : list) {
                try {
                    out.add(OrgLevel.fromLabel(n.asText()));
                } catch (IllegalArgumentException e) {
                    problem("spc_levels: " + e.getMessage());
                }
            }
            return out;
        }

        /** {@code spc_months}: a list of calendar months 1-12 whose points are charted; absent means every month. */
        private List<Integer> spcMonths() {
            JsonNode list = node.get("spc_months");
            List<Integer> out = new ArrayList<>();
            if (list == null || list.isNull()) {
                return out;
            }
            if (!list.isArray() || list.isEmpty()) {
                problem("spc_months must be a non-empty list of months 1-12, e.g. [3] for financial years");
                return out;
            }
            for (JsonNode n : list) {
                if (!n.isInt() || n.asInt() < 1 || n.asInt() > 12) {
                    problem("spc_months: '" + n.asText() + "' is not a month 1-12");
                } else {
                    out.add(n.asInt());
                }
            }
            return out;
        }

        private void checkShape(
                MeasureType type,
                String numerator,
                String denominator,
                String bands,
                BigDecimal percentile,
                double multiplier,
                FunnelMethod funnel) {
            boolean percentileType = type == MeasureType.PERCENTILE;
            if (percentileType) {
                if (bands == null || percentile == null) {
                    problem(
                            "a percentile needs 'bands' (the array column of weekly counts) and 'percentile' (e.g. 0.5)");
                } else if (percentile.signum() <= 0 || percentile.compareTo(BigDecimal.ONE) > 0) {
                    problem("percentile must be a fraction in (0, 1], e.g. 0.92, not " + percentile);
                }
                if (numerator != null) {
                    problem("a percentile has no numerator; remove it");
                }
            } else {
                if (bands != null || percentile != null) {
                    problem("'bands' and 'percentile' belong to type percentile only; remove them");
                }
                if (numerator == null) {
                    problem("type " + label(type) + " needs a 'numerator' SQL expression");
                }
            }
            if (type == MeasureType.COUNT && denominator != null) {
                problem("a count has no denominator; remove it, or make the indicator a proportion or rate");
            }
            if (type != MeasureType.COUNT && denominator == null) {
                problem("type " + label(type) + " needs a 'denominator' SQL expression");
            }
            if (type == MeasureType.MEAN && funnel != FunnelMethod.NONE) {
                problem("a mean has no funnel method (its spread is not binomial or Poisson); set funnel: none");
            }
            if (type == MeasureType.PROPORTION && multiplier != 1.0) {
                problem("proportions are stored as fractions in [0, 1]; remove 'multiplier'");
            }
            if (funnel != FunnelMethod.NONE && (type == MeasureType.COUNT || type == MeasureType.PERCENTILE)) {
                problem("a " + label(type)
                        + " cannot be compared on a funnel plot (no denominator to plot against); set"
                        + " funnel: none");
            }
            if (type == MeasureType.PROPORTION && funnel != FunnelMethod.NONE && funnel != FunnelMethod.PR) {
                problem("a proportion's funnel is pr (or none), not " + label(funnel));
            }
        }

        private void checkSql(String key, String sql, StructType schema) {
            if (sql == null) {
                return;
            }
            Set<String> columns;
            try {
                columns = SqlColumns.referenced(sql);
            } catch (IllegalArgumentException e) {
                problem(key + " is not a valid Spark SQL expression: " + e.getMessage());
                return;
            }
            List<String> known = List.of(schema.fieldNames());
            for (String c : columns) {
                if (!known.contains(c)) {
                    problem(key + " names column '" + c + "', which dataset '" + text("dataset", false)
                            + "' does not have; its columns are " + known);
                }
            }
        }

        private void checkBands(String bands, StructType schema) {
            Optional<StructField> f = java.util.Arrays.stream(schema.fields())
                    .filter(x -> x.name().equals(bands))
                    .findFirst();
            if (f.isEmpty() || !(f.get().dataType() instanceof ArrayType)) {
                problem("bands names '" + bands + "', which is not an array column of dataset '"
                        + text("dataset", false) + "'");
            }
        }

        /**
         * The reliability minimum: {@code min_expected} for ratios, {@code min_denominator} for proportions, rates,
         * means and percentiles, the type's default ({@link Reliability#defaultMinimum}) when absent; none for counts.
         */
        private double reliabilityMinimum(MeasureType type) {
            String key = Reliability.key(type);
            for (String k : List.of(Reliability.MIN_DENOMINATOR_KEY, Reliability.MIN_EXPECTED_KEY)) {
                if (node.has(k) && !k.equals(key)) {
                    problem(
                            key == null
                                    ? "'" + k + "' does not apply to a count (no denominator; small counts are a"
                                            + " disclosure matter); remove it"
                                    : "'" + k + "' does not apply to type " + label(type) + "; its reliability minimum"
                                            + " is '" + key + "'"
                                            + (type == MeasureType.RATIO
                                                    ? " (the expected count)"
                                                    : " (the denominator)"));
                }
            }
            if (key == null || !node.has(key)) {
                return Reliability.defaultMinimum(type);
            }
            JsonNode n = node.get(key);
            if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < 0) {
                problem(key + " must be a number >= 0 (0 switches the rule off), e.g. " + key + ": "
                        + fmt(Reliability.defaultMinimum(type)) + ", not '" + n.asText() + "'");
                return Reliability.defaultMinimum(type);
            }
            return n.asDouble();
        }

        private static String fmt(double x) {
            return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
        }

        private List<Target> targets() {
            List<Target> out = new ArrayList<>();
            JsonNode list = node.get("targets");
            if (list == null || list.isNull()) {
                return out;
            }
            if (!list.isArray()) {
                problem("targets must be a list of {value, from, to, source}");
                return out;
            }
            for (JsonNode t : list) {
                for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!TARGET_KEYS.contains(k)) {
                        problem("target has unknown key '" + k + "'; known keys are "
                                + new java.util.TreeSet<>(TARGET_KEYS));
                    }
                }
                JsonNode value = t.get("value");
                LocalDate from = month(t.get("from"), "from");
                LocalDate to = t.hasNonNull("to") ? month(t.get("to"), "to") : null;
                if (value == null || !value.isNumber()) {
                    problem("target needs a numeric 'value' on the indicator's scale (0.95, not 95%)");
                    continue;
                }
                if (from == null || !t.hasNonNull("source")) {
                    problem("target " + value + " needs 'from' (YYYY-MM) and 'source'");
                    continue;
                }
                try {
                    out.add(new Target(
                            value.asDouble(), from, to, t.get("source").asText()));
                } catch (IllegalArgumentException e) {
                    problem(e.getMessage());
                }
            }
            return out;
        }

        private LocalDate month(JsonNode n, String key) {
            if (n == null || n.isNull()) {
                return null;
            }
            String s = n.asText();
            try {
                return s.length() == 7
                        ? LocalDate.parse(s + "-01")
                        : LocalDate.parse(s).withDayOfMonth(1);
            } catch (DateTimeParseException e) {
                problem("target '" + key + "' must be a month YYYY-MM, not '" + s + "'");
                return null;
            }
        }

        private String text(String key, boolean required) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
                if (required) {
                    problem("'" + key + "' is missing");
                }
                return null;
            }
            if (!n.isValueNode()) {
                problem("'" + key + "' must be a single value");
                return null;
            }
            return n.asText().strip();
        }

        /** A required value given by its code, one of {@code allowed}; the problem lists their codes. */
        private <E> E coded(String key, List<E> allowed, java.util.function.Function<E, String> code) {
            String s = text(key, true);
            if (s == null) {
                return null;
            }
            for (E e : allowed) {
                if (code.apply(e).equals(s.toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            problem(key + " '" + s + "' is not one of "
                    + allowed.stream().map(code).toList());
            return null;
        }

        private <E extends Enum<E>> E choice(String key, Class<E> kind, E fallback) {
            String s = text(key, fallback == null);
            if (s == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(kind, s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> names = java.util.Arrays.stream(kind.getEnumConstants())
                        .map(CatalogLoader::label)
                        .toList();
                problem(key + " '" + s + "' is not one of " + names);
                return fallback;
            }
        }
    }

    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
