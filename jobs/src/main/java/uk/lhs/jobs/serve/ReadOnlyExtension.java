package uk.lhs.jobs.serve;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The Spark SQL extension that makes {@code lhs serve}'s session read-only, installed through
 * {@code spark.sql.extensions} (a static setting: fixed when the session is built, and copied by Spark to every
 * session the Thrift server opens). It wraps the parser ({@link StatementGuard}) and adds an analyser check rule
 * ({@link PlanGuard}); both act only once {@link ServeGuard#install} has run.
 */
public final class ReadOnlyExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser((session, delegate) -> new GuardedParser(session, delegate));
        extensions.injectCheckRule(session -> checkRule());
        return BoxedUnit.UNIT;
    }

    private static Function1<org.apache.spark.sql.catalyst.plans.logical.LogicalPlan, BoxedUnit> checkRule() {
        return new AbstractFunction1<>() {
            @Override
            public BoxedUnit apply(org.apache.spark.sql.catalyst.plans.logical.LogicalPlan plan) {
                ServeGuard.policy().ifPresent(p -> PlanGuard.check(plan, p));
                return BoxedUnit.UNIT;
            }
        };
    }
}
