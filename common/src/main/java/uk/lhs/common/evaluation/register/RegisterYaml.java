package uk.lhs.common.evaluation.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * Reads the interventions register: a YAML list of entries in exactly the form {@code lhs generate} writes.
 *
 * <pre>
 * - id: INT-001
 *   title: "Rapid assessment and treatment"
 *   scope:
 *     trusts: [RXX]          # or:  system: QXX   (every trust in the system plus the system aggregate)
 *   indicators: [ae_4hr_type1, ae_4hr_all]
 *   start: "2024-04"         # first month in place (YYYY-MM)
 *   implementation_months: 3 # optional, default 0: months excluded from both sides
 *   expected_direction: increase
 *   comparators: auto        # auto | same_region | [RAA, RBB]; optional, default auto
 *   notes: "free text"       # optional
 *   type: virtual_ward       # optional: kind of change, free text stored as lower snake_case
 *
 * - id: PRG-001              # a programme: the same fields, but a rollout instead of scope and start
 *   rollout:                 # each trust with its own first month in place (staggered adoption)
 *     - {trust: RAA, start: "2023-10"}
 *     - {trust: RBB, start: "2024-04"}
 *   indicators: [rtt_18wk]
 *   ...
 * </pre>
 *
 * A register with no interventions is written as an explicit empty list, {@code []} (as the shipped
 * {@code conf/interventions.yaml} is). An empty file, or one holding only comments, is an error, not an empty
 * register: a truncated or half-saved file must not delete every intervention's results (issue #18). Every problem
 * names its entry; all problems are reported together.
 */
public final class RegisterYaml {
    private RegisterYaml() {}

    private static final Set<String> KEYS = Set.of(
            "id",
            "title",
            "scope",
            "indicators",
            "start",
            "implementation_months",
            "expected_direction",
            "comparators",
            "notes",
            "rollout",
            "type");

    /**
     * Parses a register.
     *
     * @param text the YAML text
     * @param source file name or path, used in messages and lineage
     * @return the register
     * @throws RegisterException listing every problem found
     */
    public static InterventionRegister parse(String text, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            throw new RegisterException(List.of(source + " is not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RegisterException(List.of(source + " is empty (no YAML list): a register with no interventions"
                    + " is written as an explicit empty list, [], so that a truncated file never deletes every"
                    + " intervention's results"));
        }
        if (!root.isArray()) {
            throw new RegisterException(
                    List.of(source + " must be a YAML list of interventions (each starting '- id:')"));
        }
        List<String> problems = new ArrayList<>();
        List<Intervention> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int position = 0;
        for (JsonNode node : root) {
            position++;
            String name =
                    node.hasNonNull("id") ? "intervention " + node.get("id").asText() : "entry " + position;
            int before = problems.size();
            Intervention i = entry(node, name, problems);
            if (i != null && problems.size() == before) {
                if (!ids.add(i.id())) {
                    problems.add(name + ": duplicate id (ids must be unique in the register)");
                } else {
                    entries.add(i);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RegisterException(problems);
        }
        return new InterventionRegister(entries, source);
    }

    private static Intervention entry(JsonNode node, String name, List<String> problems) {
        if (!node.isObject()) {
            problems.add(name + ": must be a mapping of id, title, scope, indicators, start, ...");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(name + ": unknown key '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            problems.add(name + ": id is missing");
        }
        List<String> trusts = List.of();
        String system = null;
        JsonNode scope = node.get("scope");
        List<Intervention.RolloutStart> rollout = List.of();
        if (node.has("rollout")) {
            rollout = rollout(node.get("rollout"), name, problems);
            trusts = rollout.stream().map(Intervention.RolloutStart::trust).toList();
            if (scope != null || node.has("start")) {
                problems.add(name + ": a programme gives 'rollout' instead of 'scope' and 'start'; remove them");
            }
        } else if (scope == null || !scope.isObject() || (scope.has("trusts") == scope.has("system"))) {
            problems.add(name + ": scope must give either 'trusts: [codes]' or 'system: code'");
        } else if (scope.has("trusts")) {
            trusts = list(scope.get("trusts"), name, "scope.trusts", problems);
            if (trusts.isEmpty()) {
                problems.add(name + ": scope.trusts is empty");
            }
        } else {
            system = scope.get("system").isValueNode()
                    ? scope.get("system").asText().trim()
                    : null;
            if (system == null || system.isEmpty()) {
                problems.add(name + ": scope.system must be one system code");
            }
        }
        List<String> indicators =
                node.has("indicators") ? list(node.get("indicators"), name, "indicators", problems) : List.of();
        if (indicators.isEmpty()) {
            problems.add(name + ": indicators must list at least one indicator id");
        }
        YearMonth start = rollout.stream()
                .map(Intervention.RolloutStart::start)
                .min(YearMonth::compareTo)
                .orElse(null);
        String startText = text(node, "start");
        // A programme's start is its earliest rollout start (problems reported by rollout()).
        if (!node.has("rollout")) {
            if (startText == null) {
                problems.add(name + ": start (YYYY-MM) is missing");
            } else {
                start = month(startText, name, "start", problems);
            }
        }
        int implementation = 0;
        if (node.has("implementation_months")) {
            JsonNode im = node.get("implementation_months");
            if (!im.canConvertToInt() || !im.isIntegralNumber() || im.asInt() < 0) {
                problems.add(name + ": implementation_months must be a whole number >= 0, got '" + im.asText() + "'");
            } else {
                implementation = im.asInt();
            }
        }
        ImprovementDirection direction = null;
        String dir = text(node, "expected_direction");
        if (dir == null || !(dir.equals("increase") || dir.equals("decrease"))) {
            problems.add(name + ": expected_direction must be increase or decrease, got '" + dir + "'");
        } else {
            direction = ImprovementDirection.fromCode(dir);
        }
        ComparatorMode mode = ComparatorMode.AUTO;
        List<String> comparators = List.of();
        JsonNode comp = node.get("comparators");
        if (comp != null && !comp.isNull()) {
            if (comp.isArray()) {
                comparators = list(comp, name, "comparators", problems);
                mode = ComparatorMode.EXPLICIT;
                if (comparators.isEmpty()) {
                    problems.add(name + ": comparators is an empty list; write 'comparators: auto' or list codes");
                }
            } else if (comp.isTextual()
                    && (comp.asText().equals("auto") || comp.asText().equals("same_region"))) {
                mode = ComparatorMode.valueOf(comp.asText().toUpperCase(Locale.ROOT));
            } else {
                problems.add(name + ": comparators must be auto, same_region or a list of codes, got '" + comp.asText()
                        + "'");
            }
        }
        String type = null;
        if (node.has("type") && !node.get("type").isNull()) {
            JsonNode t = node.get("type");
            type = t.isTextual() ? Intervention.normaliseType(t.asText()) : null;
            if (type == null) {
                problems.add(name + ": type must be text with letters or digits, e.g. 'type: virtual_ward', got '"
                        + t.asText() + "'");
            }
        }
        if (id == null
                || start == null
                || direction == null
                || (trusts.isEmpty() == (system == null))
                || indicators.isEmpty()) {
            return null;
        }
        return new Intervention(
                id.trim(),
                text(node, "title"),
                trusts,
                system,
                indicators,
                start,
                implementation,
                direction,
                mode,
                comparators,
                text(node, "notes"),
                type,
                rollout);
    }

    /** A programme's rollout: a list of {trust, start}, each trust once. */
    private static List<Intervention.RolloutStart> rollout(JsonNode v, String name, List<String> problems) {
        List<Intervention.RolloutStart> out = new ArrayList<>();
        if (v == null || !v.isArray() || v.isEmpty()) {
            problems.add(name + ": rollout must be a non-empty list like [{trust: RAA, start: \"2024-04\"}, ...]");
            return out;
        }
        Set<String> seen = new HashSet<>();
        int position = 0;
        for (JsonNode e : v) {
            position++;
            String trust = e.isObject() ? text(e, "trust") : null;
            String startText = e.isObject() ? text(e, "start") : null;
            if (trust == null || trust.isBlank() || startText == null || e.size() != 2) {
                problems.add(name + ": rollout element " + position + " must be {trust: CODE, start: \"YYYY-MM\"}");
                continue;
            }
            trust = trust.trim();
            YearMonth start = month(startText, name, "rollout start of " + trust, problems);
            if (!seen.add(trust)) {
                problems.add(name + ": rollout lists trust " + trust + " twice (one start per trust)");
            } else if (start != null) {
                out.add(new Intervention.RolloutStart(trust, start));
            }
        }
        return out;
    }

    private static YearMonth month(String text, String name, String what, List<String> problems) {
        try {
            return YearMonth.parse(text.length() == 10 && text.endsWith("-01") ? text.substring(0, 7) : text);
        } catch (DateTimeParseException e) {
            problems.add(name + ": " + what + " '" + text + "' is not a month like 2024-04");
            return null;
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static List<String> list(JsonNode v, String name, String key, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (!v.isArray()) {
            problems.add(name + ": " + key + " must be a list like [A, B]");
            return out;
        }
        for (JsonNode e : v) {
            String s = e.isValueNode() ? e.asText().trim() : "";
            if (s.isEmpty()) {
                problems.add(name + ": " + key + " has an empty or non-text element");
            } else if (out.contains(s)) {
                problems.add(name + ": " + key + " lists " + s + " twice");
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
