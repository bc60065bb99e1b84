package uk.lhs.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.text.Hashing;

/**
 * Typed view of the {@code lhs} configuration. Precedence, highest first: {@code --conf key=value} overrides, the
 * environment variables documented in {@code reference.conf}, the file given with {@code --config}, and
 * {@code reference.conf} (which documents every key). Unknown keys under {@code lhs} are rejected, so a typo never
 * silently falls back to a default.
 */
public final class LhsConfig {
    private final Config config;

    private LhsConfig(Config config) {
        this.config = config;
    }

    /**
     * Loads the configuration.
     *
     * @param file optional HOCON file ({@code null} for none)
     * @param overrides {@code key=value} pairs; keys without the {@code lhs.} prefix get it added
     */
    public static LhsConfig load(Path file, List<String> overrides) {
        Config reference = ConfigFactory.parseResources(LhsConfig.class.getClassLoader(), "reference.conf");
        Config base = reference;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigError("configuration file " + file + " does not exist;"
                        + " pass an existing file with --config, or omit it to use the built-in defaults");
            }
            Config fromFile = ConfigFactory.parseFile(
                    file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            base = fromFile.withFallback(reference);
        }
        Config withOverrides = base;
        for (String pair : overrides == null ? List.<String>of() : overrides) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigError(
                        "--conf " + pair + " is not key=value; write e.g. --conf lhs.spark.shuffle-partitions=16");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (!key.startsWith("lhs.") && !key.startsWith("\"")) {
                key = "lhs." + key;
            }
            withOverrides = withValue(withOverrides, key, value);
        }
        Config resolved;
        try {
            resolved = withOverrides.resolve();
        } catch (ConfigException e) {
            throw new ConfigError("configuration could not be resolved: " + e.getMessage());
        }
        rejectUnknownKeys(resolved, reference.resolve());
        return new LhsConfig(resolved);
    }

    /** The built-in defaults only (tests, and commands run with no configuration). */
    public static LhsConfig defaults() {
        return load(null, List.of());
    }

    /** A copy with one more override applied ({@code key} with or without the {@code lhs.} prefix). */
    public LhsConfig with(String key, Object value) {
        String k = key.startsWith("lhs.") ? key : "lhs." + key;
        return new LhsConfig(config.withValue(k, ConfigValueFactory.fromAnyRef(value)));
    }

    private static Config withValue(Config base, String key, String value) {
        // Parse the value as HOCON so numbers, booleans and lists keep their types ("16", "true", "[a,b]").
        try {
            Config parsed = ConfigFactory.parseString("v = " + value);
            return base.withValue(key, parsed.getValue("v"));
        } catch (ConfigException e) {
            return base.withValue(key, ConfigValueFactory.fromAnyRef(value));
        }
    }

    private static void rejectUnknownKeys(Config resolved, Config reference) {
        for (Map.Entry<String, ConfigValue> e : resolved.getConfig("lhs").entrySet()) {
            String key = "lhs." + e.getKey();
            if (key.startsWith("lhs.spark.conf.")) {
                continue; // free-form Spark properties
            }
            if (!reference.hasPathOrNull(key)) {
                throw new ConfigError("unknown configuration key " + key
                        + "; every key is listed with its meaning in common/src/main/resources/reference.conf");
            }
        }
    }

    public Path lakehouse() {
        return Path.of(config.getString("lhs.lakehouse"));
    }

    /** The lakehouse location as given (may be a URI such as s3a://bucket/lhs). */
    public String lakehouseLocation() {
        return config.getString("lhs.lakehouse");
    }

    public Path landing() {
        return Path.of(config.getString("lhs.landing"));
    }

    /** {@code lhs.ingest.max-file-bytes}: the largest publication or reference CSV the ingest parses. */
    public long ingestMaxFileBytes() {
        return config.getBytes("lhs.ingest.max-file-bytes");
    }

    /** {@code lhs.ingest.max-spell-file-bytes}: the largest patient-level file under {@code spells/}. */
    public long ingestMaxSpellFileBytes() {
        return config.getBytes("lhs.ingest.max-spell-file-bytes");
    }

    /** {@code lhs.ingest.reload}: sha256 of files to ingest again although {@code bronze.files} records them. */
    public List<String> ingestReload() {
        return config.getStringList("lhs.ingest.reload");
    }

    public String environment() {
        return config.getString("lhs.environment");
    }

    public String sparkDefaultMaster() {
        return config.getString("lhs.spark.default-master");
    }

    public String sparkAppName() {
        return config.getString("lhs.spark.app-name");
    }

    public int shufflePartitions() {
        return config.getInt("lhs.spark.shuffle-partitions");
    }

    /** Free-form Spark properties from {@code lhs.spark.conf}, in key order. */
    public Map<String, String> sparkConf() {
        Map<String, String> out = new TreeMap<>();
        Config c = config.getConfig("lhs.spark.conf");
        for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
            out.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }

    public String deltaLogRetention() {
        return config.getString("lhs.delta.log-retention");
    }

    public String deltaDeletedFileRetention() {
        return config.getString("lhs.delta.deleted-file-retention");
    }

    /** {@code lhs.runs.abandon-after}: when a still-running stage record counts as abandoned. */
    public java.time.Duration runsAbandonAfter() {
        return config.getDuration("lhs.runs.abandon-after");
    }

    /** {@code lhs.lease.wait}: how long a run waits for another run's lease on a stage. */
    public java.time.Duration leaseWait() {
        return config.getDuration("lhs.lease.wait");
    }

    /** {@code lhs.lease.ttl}: how long a stage lease outlives its holder's last renewal. */
    public java.time.Duration leaseTtl() {
        return config.getDuration("lhs.lease.ttl");
    }

    public int commitRetries() {
        return config.getInt("lhs.delta.commit-retries");
    }

    public Path referenceDir() {
        return Path.of(config.getString("lhs.reference-dir"));
    }

    public Path indicatorsDir() {
        return Path.of(config.getString("lhs.indicators-dir"));
    }

    public Path interventions() {
        return Path.of(config.getString("lhs.interventions"));
    }

    public int disclosureSuppressBelow() {
        return config.getInt("lhs.disclosure.suppress-below");
    }

    public int disclosureRoundTo() {
        return config.getInt("lhs.disclosure.round-to");
    }

    /**
     * The disclosure rule for published tables; refuses settings weaker than the NHS rule unless
     * {@code lhs.disclosure.outputs-stay-inside} is true.
     */
    public Thresholds disclosure() {
        return Thresholds.of(
                disclosureSuppressBelow(),
                disclosureRoundTo(),
                config.getBoolean("lhs.disclosure.outputs-stay-inside"));
    }

    /**
     * {@code lhs.learning.method}: how gold.learning pools per-site effects, {@code reml}, {@code dl} or {@code fe}
     * (lower case as configured; checked here).
     */
    public String learningMethod() {
        String m = config.getString("lhs.learning.method").trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("reml", "dl", "fe").contains(m)) {
            throw new ConfigError("lhs.learning.method = " + config.getString("lhs.learning.method")
                    + " is not a pooling method; write reml (default), dl or fe");
        }
        return m;
    }

    /** {@code lhs.learning.hartung-knapp}: Hartung-Knapp-Sidik-Jonkman intervals for gold.learning. */
    public boolean learningHartungKnapp() {
        return config.getBoolean("lhs.learning.hartung-knapp");
    }

    public String gitCommit() {
        return config.getString("lhs.git-commit");
    }

    /** Keys whose value is a secret: {@link #flatten} shows only that they are set. */
    public static final List<String> SECRET_KEYS = List.of("lhs.quarantine.hash-key");

    /** Shown instead of a secret's value. */
    public static final String SECRET_SHOWN = "\"(set, not shown)\"";

    /**
     * The resolved {@code lhs} tree as sorted key=value lines (what {@code lhs config} prints); secrets
     * ({@link #SECRET_KEYS}) are shown as {@link #SECRET_SHOWN}, so neither the printout nor {@link #hash} holds them.
     */
    public Map<String, String> flatten() {
        Map<String, String> out = new LinkedHashMap<>();
        new TreeMap<>(config.getConfig("lhs").entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().render(ConfigRenderOptions.concise()))))
                .forEach((k, v) -> out.put("lhs." + k, SECRET_KEYS.contains("lhs." + k) ? SECRET_SHOWN : v));
        return out;
    }

    /** sha256 of the resolved configuration (git commit excluded), recorded with every run. */
    public String hash() {
        StringBuilder sb = new StringBuilder();
        flatten().forEach((k, v) -> {
            if (!k.equals("lhs.git-commit")) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return Hashing.sha256(sb.toString());
    }

    /** The underlying Typesafe config, for the rare key not exposed above. */
    public Config raw() {
        return config;
    }

    /** A configuration problem, with a message that says what to change. */
    public static final class ConfigError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigError(String message) {
            super(message);
        }
    }
}
