package uk.lhs.jobs;

import java.util.List;
import uk.lhs.jobs.evaluate.EvaluateStage;
import uk.lhs.jobs.indicators.IndicatorsStage;
import uk.lhs.jobs.ingest.IngestStage;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.spc.SpcStage;

/** The pipeline's stages in run order. Only stages that are built are listed; none is faked. */
public final class Stages {
    private Stages() {}

    public static List<Stage> all() {
        return List.of(new IngestStage(), new IndicatorsStage(), new SpcStage(), new EvaluateStage());
    }
}
