package uk.lhs.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of {@code common} (issue #15), checked on the compiled main classes: the layering pure maths →
 * contracts → Spark transforms → I/O holds only while nothing points back up.
 */
@AnalyzeClasses(packages = "uk.lhs.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** What a pure package must never reach: Spark, Delta, or the Scala library under them. */
    private static final String[] SPARK = {"org.apache.spark..", "io.delta..", "scala.."};

    /** Source plug-ins (simple name ending in {@code Source}) may hold Spark; the parsers beside them may not. */
    private static final DescribedPredicate<JavaClass> SOURCE_PLUG_IN = DescribedPredicate.describe(
            "a source plug-in (name ends with Source)", c -> c.getSimpleName().endsWith("Source"));

    /** Every package is a slice: a cycle between any two packages of common fails. */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("uk.lhs.common.(**)").should().beFreeOfCycles();

    /**
     * Statistics, the SPC engine, the evaluation maths and register, disclosure control, the vocabulary and text
     * helpers run without Spark.
     */
    @ArchTest
    static final ArchRule purePackagesImportNoSpark = noClasses()
            .that()
            .resideInAnyPackage(
                    "uk.lhs.common.stats..",
                    "uk.lhs.common.spc",
                    "uk.lhs.common.evaluation",
                    "uk.lhs.common.evaluation.register..",
                    "uk.lhs.common.evaluation.staggered..",
                    "uk.lhs.common.disclosure..",
                    "uk.lhs.common.vocab..",
                    "uk.lhs.common.text..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPARK);

    /** The parsers of the NHS formats are plain Java; only the plug-ins that hand rows to Spark may import it. */
    @ArchTest
    static final ArchRule sourceParsersImportNoSpark = noClasses()
            .that()
            .resideInAPackage("uk.lhs.common.sources..")
            .and(DescribedPredicate.not(SOURCE_PLUG_IN))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPARK);

    /** The library never depends on the jobs built on it. */
    @ArchTest
    static final ArchRule commonNeverImportsJobs = noClasses()
            .that()
            .resideInAPackage("uk.lhs.common..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("uk.lhs.jobs..");

    /** Table contracts stand alone: no I/O (lakehouse) and no parsers (sources) behind them. */
    @ArchTest
    static final ArchRule contractsImportNoIoAndNoSources = noClasses()
            .that()
            .resideInAPackage("uk.lhs.common.tables..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("uk.lhs.common.lakehouse..", "uk.lhs.common.sources..");
}
