package uk.lhs.common.spc;

import java.io.Serializable;
import java.util.List;
import uk.lhs.common.vocab.ChartType;

/**
 * The engine's output for one series.
 *
 * @param chart the chart type computed
 * @param options the options used
 * @param points one point per input point, in order
 * @param summary icons, warnings and runs analysis
 */
public record SpcResult(ChartType chart, SpcOptions options, List<SpcPoint> points, SpcSummary summary)
        implements Serializable {

    /** Copies the point list. */
    public SpcResult {
        points = List.copyOf(points);
    }
}
