package uk.lhs.jobs.serve;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedView;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;
import scala.Tuple2;

/**
 * The first check of every SQL statement {@code lhs serve} receives, on its parsed (not yet resolved) plan: only
 * queries and the metadata statements BI tools issue (SHOW TABLES / DATABASES / COLUMNS / FUNCTIONS, DESCRIBE, USE,
 * {@code SET} without a value) pass, and a query may name only served tables. Refusals name the statement or the
 * table. {@link PlanGuard} checks the resolved plan again.
 */
public final class StatementGuard {
    /** Functions that call arbitrary Java methods: never served. */
    static final Set<String> REFUSED_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect");

    private StatementGuard() {}

    /**
     * Throws {@link ServeRefusedException} unless the statement may run.
     *
     * @param plan the parsed plan
     * @param sql the statement as sent, for the message
     * @param policy the tables served
     * @param currentDatabase the session's current database, for one-part table names
     */
    public static void check(LogicalPlan plan, String sql, ServePolicy policy, String currentDatabase) {
        if (plan instanceof SetCommand set) {
            if (set.kv().isDefined() && set.kv().get()._2().isDefined()) {
                throw new ServeRefusedException("SET " + set.kv().get()._1() + "=... is refused: lhs serve's settings"
                        + " are fixed (SET without a value shows them)");
            }
            return;
        }
        boolean metadata = isMetadataStatement(plan);
        new Walk(policy, currentDatabase, sql, metadata).plan(plan);
    }

    /** Whether the statement is one of the read-only metadata statements served. */
    static boolean isMetadataStatement(LogicalPlan plan) {
        return plan instanceof ShowTables
                || plan instanceof ShowNamespaces
                || plan instanceof ShowColumns
                || plan instanceof ShowFunctions
                || plan instanceof DescribeRelation
                || plan instanceof DescribeColumn
                || plan instanceof DescribeFunction
                || plan instanceof SetCatalogAndNamespace
                || plan instanceof ShowCurrentNamespaceCommand;
    }

    /** The statement's leading keywords, for messages: {@code DELETE FROM}, {@code ADD JAR}, {@code CREATE TABLE}. */
    static String leadingWords(String sql) {
        String s = sql.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("--[^\\n]*", " ")
                .trim();
        String[] words = s.split("\\s+", 4);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(2, words.length); i++) {
            if (!words[i].matches("[A-Za-z]+")) {
                break;
            }
            out.append(out.length() == 0 ? "" : " ").append(words[i].toUpperCase(Locale.ROOT));
        }
        return out.length() == 0 ? "this statement" : out.toString();
    }

    private static final class Walk {
        private final ServePolicy policy;
        private final String currentDatabase;
        private final String sql;
        private final boolean metadata;
        private final Set<String> cteNames = new HashSet<>();

        Walk(ServePolicy policy, String currentDatabase, String sql, boolean metadata) {
            this.policy = policy;
            this.currentDatabase = currentDatabase;
            this.sql = sql;
            this.metadata = metadata;
        }

        void plan(LogicalPlan p) {
            if (!(metadata && isMetadataStatement(p)) && (p instanceof Command || p instanceof ParsedStatement)) {
                throw new ServeRefusedException("lhs serve is read-only: " + leadingWords(sql) + " (" + p.nodeName()
                        + ") is refused; only queries, SHOW, DESCRIBE and USE are served");
            }
            String cls = p.getClass().getName();
            if (cls.startsWith("org.apache.spark.sql.delta.") || cls.startsWith("io.delta.")) {
                throw new ServeRefusedException("lhs serve is read-only: " + leadingWords(sql) + " (" + p.nodeName()
                        + ", a Delta statement) is refused; only queries, SHOW, DESCRIBE and USE are served");
            }
            if (p instanceof UnresolvedTableValuedFunction f) {
                throw new ServeRefusedException("table functions (" + String.join(".", Scala.list(f.name()))
                        + ") are not served; query the served tables by name");
            }
            if (p instanceof RelationTimeTravel) {
                throw new ServeRefusedException(
                        "time travel (VERSION AS OF / TIMESTAMP AS OF) is not served: only each table's current"
                                + " version is");
            }
            if (p instanceof UnresolvedWith with) {
                for (Tuple2<String, SubqueryAlias> cte : Scala.list(with.cteRelations())) {
                    cteNames.add(cte._1().toLowerCase(Locale.ROOT));
                    plan(cte._2());
                }
            }
            if (p instanceof UnresolvedRelation r) {
                table(Scala.list(r.multipartIdentifier()), true);
            } else if (p instanceof UnresolvedTableOrView t) {
                table(Scala.list(t.multipartIdentifier()), false);
            } else if (p instanceof UnresolvedTable t) {
                table(Scala.list(t.multipartIdentifier()), false);
            } else if (p instanceof UnresolvedView t) {
                table(Scala.list(t.multipartIdentifier()), false);
            }
            for (Expression e : Scala.list(p.expressions())) {
                expression(e);
            }
            for (LogicalPlan child : Scala.list(p.children())) {
                plan(child);
            }
        }

        private void expression(Expression e) {
            if (e instanceof UnresolvedFunction f) {
                List<String> name = Scala.list(f.nameParts());
                String last = name.get(name.size() - 1).toLowerCase(Locale.ROOT);
                if (REFUSED_FUNCTIONS.contains(last)) {
                    throw new ServeRefusedException(last + "() calls Java methods and is not served");
                }
            }
            if (e instanceof PlanExpression<?> sub && sub.plan() instanceof LogicalPlan p) {
                plan(p);
            }
            for (Expression child : Scala.list(e.children())) {
                expression(child);
            }
        }

        private void table(List<String> parts, boolean mayBeCte) {
            if (mayBeCte && parts.size() == 1 && cteNames.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
                return;
            }
            Optional<String> refusal = policy.refusal(parts, currentDatabase);
            if (refusal.isPresent()) {
                throw new ServeRefusedException(refusal.get());
            }
        }
    }
}
