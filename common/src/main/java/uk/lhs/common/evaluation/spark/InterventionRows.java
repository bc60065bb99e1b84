package uk.lhs.common.evaluation.spark;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.tables.EvaluationTables;

/** Rows of {@code silver.interventions} ({@link EvaluationTables#INTERVENTIONS} column order) for a register. */
public final class InterventionRows {
    private InterventionRows() {}

    /**
     * One row per entry.
     *
     * @param register the register
     * @param runId the run loading it
     * @return the rows, in register order
     */
    public static List<Row> of(InterventionRegister register, String runId) {
        List<Row> out = new ArrayList<>();
        for (Intervention i : register.entries()) {
            out.add(RowFactory.create(
                    i.id(),
                    i.title(),
                    SparkRows.seq(i.scopeTrusts()),
                    i.scopeSystem(),
                    SparkRows.seq(i.indicators()),
                    Date.valueOf(i.startDate()),
                    i.implementationMonths(),
                    i.expectedDirection().code(),
                    i.comparatorMode().label(),
                    SparkRows.seq(i.comparatorCodes()),
                    SparkRows.seq(i.rollout().stream()
                            .map(r -> RowFactory.create(
                                    r.trust(), Date.valueOf(r.start().atDay(1))))
                            .toList()),
                    i.notes(),
                    i.type(),
                    register.source(),
                    runId));
        }
        return out;
    }
}
