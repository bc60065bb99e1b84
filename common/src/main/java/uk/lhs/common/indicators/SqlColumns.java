package uk.lhs.common.indicators;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;

/**
 * The columns a catalog SQL expression refers to, found with Spark's own SQL parser (no session needed), so a
 * typo in a column name is caught when the catalog is loaded rather than when a job runs.
 */
final class SqlColumns {
    private SqlColumns() {}

    /**
     * Parses {@code sql} as a Spark SQL expression.
     *
     * @return the column names it refers to, in first-seen order
     * @throws IllegalArgumentException with Spark's parse message when it is not a valid expression
     */
    static Set<String> referenced(String sql) {
        Expression e;
        try {
            e = CatalystSqlParser$.MODULE$.parseExpression(sql);
        } catch (Exception ex) { // Spark's ParseException, unchecked to javac
            throw new IllegalArgumentException(ex.getMessage().replace('\n', ' '), ex);
        }
        Set<String> out = new LinkedHashSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expression e, Set<String> out) {
        if (e instanceof UnresolvedAttribute a) {
            out.add(a.name());
            return;
        }
        scala.collection.Iterator<Expression> it = e.children().iterator();
        while (it.hasNext()) {
            collect(it.next(), out);
        }
    }
}
