package io.haulstream.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The published language must be readable by any JVM consumer without haulstream's frameworks. */
@AnalyzeClasses(packages = "io.haulstream.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnlyOnTheJdkAndJacksonAnnotations = classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("io.haulstream.events..", "java..", "com.fasterxml.jackson.annotation..");

    @ArchTest
    static final ArchRule eventsAreRecords = classes()
            .that()
            .implement(HaulstreamEvent.class)
            .and()
            .areNotInterfaces()
            .should()
            .beRecords();
}
