package io.haulstream.command.organization;

import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.OrganizationDeactivated;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.OrganizationRenamed;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final OrganizationRegistered REGISTERED = new OrganizationRegistered("org-1", "Northside", AT);

    private FixtureConfiguration<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Nested
    class RegisterOrganizationCommand {

        @Test
        void registersWithATrimmedName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganization("org-1", "  Northside Hauling ", AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OrganizationRegistered("org-1", "Northside Hauling", AT));
        }

        @Test
        void rejectsABlankName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganization("org-1", "   ", AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("name: must not be blank")
                    .expectNoEvents();
        }

        @Test
        void rejectsANameLongerThanTwoHundredCharacters() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganization("org-1", "x".repeat(201), AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("name: must be at most 200 characters");
        }
    }

    @Nested
    class RenameOrganizationCommand {

        @Test
        void renamesAnActiveOrganization() {
            fixture.given(REGISTERED)
                    .when(new RenameOrganization("org-1", "Northside Waste", AT))
                    .expectEvents(new OrganizationRenamed("org-1", "Northside Waste", AT));
        }

        @Test
        void rejectsTheNameItAlreadyHas() {
            fixture.given(REGISTERED)
                    .when(new RenameOrganization("org-1", "Northside", AT))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void rejectsRenamingADeactivatedOrganization() {
            fixture.given(REGISTERED, new OrganizationDeactivated("org-1", AT))
                    .when(new RenameOrganization("org-1", "Other", AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("organizationId: the organization is deactivated");
        }
    }

    @Nested
    class DeactivateOrganizationCommand {

        @Test
        void deactivatesAnActiveOrganization() {
            fixture.given(REGISTERED)
                    .when(new DeactivateOrganization("org-1", AT))
                    .expectEvents(new OrganizationDeactivated("org-1", AT));
        }

        @Test
        void rejectsDeactivatingTwice() {
            fixture.given(REGISTERED, new OrganizationDeactivated("org-1", AT))
                    .when(new DeactivateOrganization("org-1", AT))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }
}
