package uk.lhs.jobs.serve;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

/**
 * The second check, a Spark analyser check rule on every resolved plan of the served session: whatever the parser
 * let through, and whatever a client set in its connection (e.g. {@code spark.sql.runSQLOnFiles}), a plan may read
 * only served catalogue tables and run no command but the metadata ones BI tools issue.
 *
 * <p>Delta reads its own transaction log through plans over its log files ({@code DeltaLogFileIndex}, the
 * {@code _delta_log} JSON and checkpoints) and caches them as RDD plans; those are Delta's internal plans, no SQL
 * statement can build them, and they pass.
 */
public final class PlanGuard {
    /** Resolved forms of the metadata statements {@link StatementGuard} lets through. */
    private static final Set<String> METADATA_COMMANDS = Set.of(
            "ShowTablesCommand",
            "ShowTables",
            "ShowNamespaces",
            "ShowNamespacesCommand",
            "ShowColumnsCommand",
            "ShowColumns",
            "ShowFunctionsCommand",
            "ShowFunctions",
            "DescribeTableCommand",
            "DescribeRelation",
            "DescribeColumnCommand",
            "DescribeColumn",
            "DescribeFunctionCommand",
            "DescribeFunction",
            "SetNamespaceCommand",
            "SetCatalogAndNamespace",
            "SetCatalogCommand",
            "ShowCurrentNamespaceCommand");

    /** Delta's index over its own {@code _delta_log} files (its snapshot reads). */
    private static final String DELTA_LOG_INDEX = "org.apache.spark.sql.delta.DeltaLogFileIndex";

    private PlanGuard() {}

    /** Throws {@link ServeRefusedException} unless the resolved plan only reads served tables. */
    public static void check(LogicalPlan plan, ServePolicy policy) {
        if (plan instanceof Command) {
            if (plan instanceof SetCommand set) {
                if (set.kv().isDefined() && set.kv().get()._2().isDefined()) {
                    throw new ServeRefusedException("SET of a setting is refused: lhs serve's settings are fixed");
                }
                return;
            }
            if (!METADATA_COMMANDS.contains(plan.getClass().getSimpleName())) {
                throw new ServeRefusedException("lhs serve is read-only: " + plan.nodeName() + " is refused");
            }
            return;
        }
        walk(plan, policy);
    }

    private static void walk(LogicalPlan p, ServePolicy policy) {
        if (p instanceof Command) {
            throw new ServeRefusedException("lhs serve is read-only: " + p.nodeName() + " is refused");
        }
        if (p instanceof LogicalRelation r) {
            if (r.catalogTable().isDefined()) {
                table(r.catalogTable().get(), policy);
            } else if (!(r.relation() instanceof HadoopFsRelation fs
                    && fs.location().getClass().getName().equals(DELTA_LOG_INDEX))) {
                throw new ServeRefusedException("path-based reads are not served; query the served tables by name");
            }
        } else if (p instanceof HiveTableRelation r) {
            table(r.tableMeta(), policy);
        } else if (p instanceof DataSourceV2Relation r) {
            if (r.identifier().isEmpty()) {
                throw new ServeRefusedException("reads of " + r.table().name() + " are not served");
            }
            Identifier id = r.identifier().get();
            List<String> parts = new java.util.ArrayList<>(List.of(id.namespace()));
            parts.add(id.name());
            String name = String.join(".", parts);
            if (!policy.serves(name)) {
                throw new ServeRefusedException(policy.refusal(parts, "default").orElse(name + " is not served"));
            }
        }
        for (Expression e : Scala.list(p.expressions())) {
            expression(e, policy);
        }
        for (LogicalPlan child : Scala.list(p.children())) {
            walk(child, policy);
        }
    }

    private static void expression(Expression e, ServePolicy policy) {
        if (e instanceof CallMethodViaReflection) {
            throw new ServeRefusedException(e.prettyName() + "() calls Java methods and is not served");
        }
        if (e instanceof PlanExpression<?> sub && sub.plan() instanceof LogicalPlan p) {
            walk(p, policy);
        }
        for (Expression child : Scala.list(e.children())) {
            expression(child, policy);
        }
    }

    private static void table(CatalogTable t, ServePolicy policy) {
        String db = t.identifier().database().isDefined()
                ? t.identifier().database().get()
                : "default";
        String name = db + "." + t.identifier().table();
        if (!policy.serves(name)) {
            throw new ServeRefusedException(
                    policy.refusal(List.of(db, t.identifier().table()), db).orElse(name + " is not served"));
        }
    }
}
