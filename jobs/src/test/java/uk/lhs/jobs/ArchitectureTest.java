package uk.lhs.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

/**
 * The package rules of {@code jobs} (issue #15): the stages meet only through the lakehouse tables and the pipeline
 * that orders them, never through each other's classes.
 */
@AnalyzeClasses(packages = "uk.lhs", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule ingestImportsNoOtherStage = stageIsAlone("ingest");

    @ArchTest
    static final ArchRule indicatorsImportsNoOtherStage = stageIsAlone("indicators");

    @ArchTest
    static final ArchRule spcImportsNoOtherStage = stageIsAlone("spc");

    @ArchTest
    static final ArchRule evaluateImportsNoOtherStage = stageIsAlone("evaluate");

    @ArchTest
    static final ArchRule reportImportsNoOtherStage = stageIsAlone("report");

    /** The library never depends on the jobs built on it (seen from here, where both modules' classes are read). */
    @ArchTest
    static final ArchRule commonNeverImportsJobs = noClasses()
            .that()
            .resideInAPackage("uk.lhs.common..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("uk.lhs.jobs..");

    private static ArchRule stageIsAlone(String stage) {
        String[] others = Stream.of("ingest", "indicators", "spc", "evaluate", "report")
                .filter(s -> !s.equals(stage))
                .map(s -> "uk.lhs.jobs." + s + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage("uk.lhs.jobs." + stage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("stages meet only through the lakehouse tables and the pipeline that orders them");
    }
}
