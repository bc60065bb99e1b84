package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import uk.lhs.common.tables.TableContract;

/**
 * The data dictionary, generated from the table contracts ({@code Tables.all()}): per table its description, key,
 * partitioning, write mode and constraints, and per column its type, nullability and comment.
 */
public final class DataDictionary {
    private DataDictionary() {}

    /** The one rule for what may be published, as the dictionary states it. */
    public static final String NAMING_RULE = "Safe to publish: exactly the tables whose names end in `_published`"
            + " (release `published`: NHS disclosure control applied, every figure from the published counts), beside"
            + " `metadata` tables, which hold no figure about patients. `exact` tables are for the analyst's own"
            + " environment; `patient` tables never leave bronze and silver.";

    private static String release(TableContract t) {
        return switch (t.release()) {
            case PATIENT -> "patient (patient-level rows: never leave the lakehouse)";
            case EXACT -> "exact (exact figures: analyst environment only)";
            case PUBLISHED -> "published (disclosure-controlled: safe to publish)";
            case METADATA -> "metadata (no figure about patients)";
        };
    }

    /** Markdown, for the README and the repository. */
    public static String markdown(List<TableContract> tables) {
        StringBuilder sb = new StringBuilder(32_768);
        sb.append("## Data dictionary\n\nGenerated from the table contracts (`uk.lhs.common.tables.Tables.all()`) by"
                + " `lhs dictionary`. Tables live at `<lakehouse>/<layer>/<table>` and are addressed in SQL as"
                + " `layer.table`. " + NAMING_RULE + "\n");
        for (TableContract t : tables) {
            sb.append("\n### ")
                    .append(t.qualifiedName())
                    .append("\n\n")
                    .append(md(t.description()))
                    .append("\n\n")
                    .append("Key: ")
                    .append(codes(t.keys()))
                    .append(". Partitioned by: ")
                    .append(t.partitionBy().isEmpty() ? "none" : codes(t.partitionBy()))
                    .append(". Written by: ")
                    .append(mode(t))
                    .append(". Release: ")
                    .append(release(t))
                    .append(".\n");
            if (!t.checks().isEmpty()) {
                sb.append("Constraints: ");
                boolean first = true;
                for (Map.Entry<String, String> c : new java.util.TreeMap<>(t.checks()).entrySet()) {
                    sb.append(first ? "" : "; ")
                            .append('`')
                            .append(c.getKey())
                            .append("`: `")
                            .append(c.getValue().replace("`", "'"))
                            .append('`');
                    first = false;
                }
                sb.append(".\n");
            }
            sb.append("\n| Column | Type | Null | Description |\n| --- | --- | --- | --- |\n");
            for (StructField f : t.schema().fields()) {
                sb.append("| `")
                        .append(f.name())
                        .append("` | ")
                        .append(f.dataType().simpleString().replace("|", "\\|"))
                        .append(" | ")
                        .append(f.nullable() ? "yes" : "no")
                        .append(" | ")
                        .append(md(comment(f)))
                        .append(" |\n");
            }
        }
        return sb.toString();
    }

    /** A standalone HTML page (published beside the dashboard). */
    public static String html(List<TableContract> tables) {
        StringBuilder sb = new StringBuilder(65_536);
        List<PageShell.NavItem> nav = new java.util.ArrayList<>();
        for (TableContract t : tables) {
            String id = Html.anchor("t", t.layer().dbName(), t.name());
            nav.add(new PageShell.NavItem(id, t.qualifiedName()));
            sb.append("<section id=\"")
                    .append(id)
                    .append("\" aria-labelledby=\"")
                    .append(id)
                    .append("-h\"><h2 id=\"")
                    .append(id)
                    .append("-h\">")
                    .append(esc(t.qualifiedName()))
                    .append("</h2><p>")
                    .append(esc(t.description()))
                    .append("</p><p>Key: <code>")
                    .append(esc(String.join(", ", t.keys())))
                    .append("</code>. Partitioned by: ")
                    .append(
                            t.partitionBy().isEmpty()
                                    ? "none"
                                    : "<code>" + esc(String.join(", ", t.partitionBy())) + "</code>")
                    .append(". Written by: ")
                    .append(esc(mode(t)))
                    .append(". Release: ")
                    .append(esc(release(t)))
                    .append(".</p>");
            if (!t.checks().isEmpty()) {
                sb.append("<ul>");
                for (Map.Entry<String, String> c : new java.util.TreeMap<>(t.checks()).entrySet()) {
                    sb.append("<li>Constraint <code>")
                            .append(esc(c.getKey()))
                            .append("</code>: <code>")
                            .append(esc(c.getValue()))
                            .append("</code></li>");
                }
                sb.append("</ul>");
            }
            sb.append("<table><caption>Columns of ")
                    .append(esc(t.qualifiedName()))
                    .append("</caption><thead><tr>")
                    .append("<th scope=\"col\">Column</th><th scope=\"col\">Type</th><th scope=\"col\">Null</th>")
                    .append("<th scope=\"col\">Description</th></tr></thead><tbody>");
            for (StructField f : t.schema().fields()) {
                sb.append("<tr><td><code>")
                        .append(esc(f.name()))
                        .append("</code></td><td>")
                        .append(esc(f.dataType().simpleString()))
                        .append("</td><td>")
                        .append(f.nullable() ? "yes" : "no")
                        .append("</td><td>")
                        .append(esc(comment(f)))
                        .append("</td></tr>");
            }
            sb.append("</tbody></table></section>");
        }
        return PageShell.page(
                "LHS Lakehouse data dictionary", "Generated from the table contracts", nav, sb.toString());
    }

    private static String comment(StructField f) {
        return f.getComment().isDefined() ? f.getComment().get() : "";
    }

    private static String mode(TableContract t) {
        return switch (t.mode()) {
            case MERGE -> "MERGE on the key (re-runs never duplicate)";
            case APPEND_NEW_KEYS -> "append of new keys only";
            case REPLACE ->
                "recomputed: each run replaces the rows it recomputes (Delta history keeps earlier versions)";
        };
    }

    private static String codes(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append('`').append(n).append('`');
        }
        return sb.toString();
    }

    /** Markdown table cells: pipes escaped, line breaks flattened. */
    static String md(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
