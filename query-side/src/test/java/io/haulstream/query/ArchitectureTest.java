package io.haulstream.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.haulstream", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theQuerySideNeverDependsOnTheCommandSide =
            noClasses().should().dependOnClassesThat().resideInAPackage("io.haulstream.command..");

    @ArchTest
    static final ArchRule theQuerySideReadsEventsWithoutAxon =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.axonframework..");

    @ArchTest
    static final ArchRule projectorsDoNotServeHttp = noClasses()
            .that()
            .implement(io.haulstream.query.projection.Projector.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");
}
