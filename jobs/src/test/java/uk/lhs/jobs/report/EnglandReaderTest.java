package uk.lhs.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ReportModel.Funnel;
import uk.lhs.common.report.ReportModel.FunnelPoint;
import uk.lhs.common.report.ReportModel.LearningRow;
import uk.lhs.common.report.ReportModel.TrustPositions;
import uk.lhs.common.tables.EvaluationTables;

/** The England overview's grouping and the reading of gold.learning_published rows, on hand-made rows (no Spark). */
class EnglandReaderTest {
    @Test
    void trustsAreCountedByTheirPositionInTheNationalFunnel() {
        Funnel f = new Funnel(
                LocalDate.of(2025, 3, 1),
                0.7,
                null,
                List.of(
                        new FunnelPoint("RA1", null, 1000, 0.80, 0.67, 0.73, 0.65, 0.75, "above"),
                        new FunnelPoint("RB2", null, 1000, 0.74, 0.67, 0.73, 0.65, 0.75, "within"),
                        new FunnelPoint("RC3", null, 1000, 0.70, 0.67, 0.73, 0.65, 0.75, "within"),
                        new FunnelPoint("RD4", null, 1000, 0.66, 0.67, 0.73, 0.65, 0.75, "within"),
                        new FunnelPoint("RE5", null, 1000, 0.60, 0.67, 0.73, 0.65, 0.75, "below"),
                        new FunnelPoint("RZZ", null, 1000, 0.90, 0.67, 0.73, 0.65, 0.75, "above")));
        assertEquals(
                new TrustPositions(5, 1, 1, 1, 1, 1),
                EnglandReader.positions(f, List.of("RA1", "RB2", "RC3", "RD4", "RE5", "RX9")),
                "RZZ belongs to another system; RX9 is not in the funnel");
        assertEquals(new TrustPositions(0, 0, 0, 0, 0, 0), EnglandReader.positions(f, List.of()));
    }

    @Test
    void learningRowsAreReadWithTheirSitesAndCaveats() {
        StructType site = new StructType()
                .add("intervention_id", DataTypes.StringType)
                .add("org_code", DataTypes.StringType)
                .add("org_name", DataTypes.StringType)
                .add("estimate", DataTypes.DoubleType)
                .add("ci_lower", DataTypes.DoubleType)
                .add("ci_upper", DataTypes.DoubleType)
                .add("weight", DataTypes.DoubleType);
        StructType schema = new StructType()
                .add("intervention_type", DataTypes.StringType)
                .add("indicator_id", DataTypes.StringType)
                .add("method", DataTypes.StringType)
                .add("pooling", DataTypes.StringType)
                .add("k", DataTypes.IntegerType)
                .add("site_estimates", DataTypes.createArrayType(site))
                .add("estimate", DataTypes.DoubleType)
                .add("se", DataTypes.DoubleType)
                .add("ci_lower", DataTypes.DoubleType)
                .add("ci_upper", DataTypes.DoubleType)
                .add("tau2", DataTypes.DoubleType)
                .add("i2", DataTypes.DoubleType)
                .add("q", DataTypes.DoubleType)
                .add("q_df", DataTypes.IntegerType)
                .add("q_p", DataTypes.DoubleType)
                .add("pi_lower", DataTypes.DoubleType)
                .add("pi_upper", DataTypes.DoubleType)
                .add("hartung_knapp", DataTypes.BooleanType)
                .add("caveats", DataTypes.createArrayType(EvaluationTables.CAVEAT))
                .add("statement", DataTypes.StringType);
        Row s1 = new GenericRowWithSchema(new Object[] {"INT-1", "RA1", "Trust one", 0.05, 0.01, 0.09, 60.0}, site);
        Row s2 = new GenericRowWithSchema(new Object[] {"INT-2", "RB2", null, -0.01, -0.05, 0.03, 40.0}, site);
        Object[] caveat = new Object[EvaluationTables.CAVEAT.size()];
        caveat[EvaluationTables.CAVEAT.fieldIndex("code")] = "FEW_SITES";
        caveat[EvaluationTables.CAVEAT.fieldIndex("severity")] = "warning";
        caveat[EvaluationTables.CAVEAT.fieldIndex("message")] = "Only 2 sites.";
        Row c = new GenericRowWithSchema(caveat, EvaluationTables.CAVEAT);
        Row row = new GenericRowWithSchema(
                new Object[] {
                    "virtual_ward",
                    "ae_4hr_all",
                    "did",
                    "dl",
                    2,
                    seq(s1, s2),
                    0.025,
                    0.02,
                    -0.014,
                    0.064,
                    0.0,
                    0.0,
                    0.9,
                    1,
                    0.34,
                    null,
                    null,
                    true,
                    seq(c),
                    "Across 2 trusts ..."
                },
                schema);
        List<LearningRow> rows = EnglandReader.learning(
                List.of(row), Map.of("ae_4hr_all", "A&E 4-hour"), Map.of("ae_4hr_all", "proportion"));
        assertEquals(1, rows.size());
        LearningRow r = rows.get(0);
        assertEquals("virtual_ward", r.interventionType());
        assertEquals("A&E 4-hour", r.indicatorTitle());
        assertEquals("proportion", r.unit());
        assertEquals("did", r.method());
        assertEquals(2, r.k());
        assertEquals(2, r.sites().size());
        assertEquals("RB2", r.sites().get(1).orgCode());
        assertNull(r.sites().get(1).orgName());
        assertEquals(60.0, r.sites().get(0).weight());
        assertEquals(0.025, r.estimate());
        assertEquals(1, r.qDf());
        assertNull(r.piLower(), "no prediction interval with 2 sites");
        assertTrue(r.hartungKnapp());
        assertEquals("FEW_SITES", r.caveats().get(0).code());
        assertFalse(r.statement().isBlank());
    }

    /** An array value as Spark holds it in a row (a Scala sequence). */
    private static Object seq(Row... rows) {
        return scala.collection.JavaConverters.asScalaBuffer(List.of(rows)).toList();
    }
}
