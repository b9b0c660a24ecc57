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

    /**
     * The monitoring reads the other packages, never the other way round: a family declares its
     * spatial query for the plan check with SpatialQuery, and depends on nothing else of it.
     */
    @ArchTest
    static final ArchRule onlySpatialQueryOfTheMonitoringIsUsedElsewhere = noClasses()
            .that()
            .resideOutsideOfPackage("io.haulstream.query.monitoring..")
            .should()
            .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "monitoring classes other than SpatialQuery",
                    (com.tngtech.archunit.core.domain.JavaClass type) ->
                            type.getPackageName().startsWith("io.haulstream.query.monitoring")
                                    && !type.isEquivalentTo(io.haulstream.query.monitoring.SpatialQuery.class)));

    /**
     * Only the access package reads tokens: everything else asks its {@code Caller}, so the claims'
     * names and the role model live in one place.
     */
    @ArchTest
    static final ArchRule onlyTheAccessPackageReadsTokens = noClasses()
            .that()
            .resideInAPackage("io.haulstream.query..")
            .and()
            .resideOutsideOfPackage("io.haulstream.query.access..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.security.oauth2..", "com.nimbusds..");
}
