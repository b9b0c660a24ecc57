package io.haulstream.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(packages = "io.haulstream", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] AGGREGATE_PACKAGES = {
        "io.haulstream.command.organization..",
        "io.haulstream.command.customer..",
        "io.haulstream.command.bin..",
        "io.haulstream.command.route..",
        "io.haulstream.command.territory..",
        "io.haulstream.command.domain.."
    };

    @ArchTest
    static final ArchRule aggregatesKnowNothingOfTheWeb = noClasses()
            .that()
            .resideInAnyPackage(AGGREGATE_PACKAGES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework.web..",
                    "org.springframework.http..",
                    "jakarta.servlet..",
                    "org.apache.kafka..");

    @ArchTest
    static final ArchRule aggregatesArePackagePrivate =
            classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic();

    @ArchTest
    static final ArchRule theCommandSideNeverReadsTheQuerySide =
            noClasses().should().dependOnClassesThat().resideInAPackage("io.haulstream.query..");

    /** Dead letters are an operators' tool beside the fleet inbound: nothing depends on it. */
    @ArchTest
    static final ArchRule nothingDependsOnTheDeadLetters = noClasses()
            .that()
            .resideOutsideOfPackage("io.haulstream.command.deadletters..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.haulstream.command.deadletters..");

    /**
     * Only the access package reads tokens: everything else asks its {@code Caller}, so the claims'
     * names and the role model live in one place.
     */
    @ArchTest
    static final ArchRule onlyTheAccessPackageReadsTokens = noClasses()
            .that()
            .resideInAPackage("io.haulstream.command..")
            .and()
            .resideOutsideOfPackage("io.haulstream.command.access..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.security.oauth2..", "com.nimbusds..");
}
