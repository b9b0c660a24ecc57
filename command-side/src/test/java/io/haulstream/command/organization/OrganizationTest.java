package io.haulstream.command.organization;

import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.OrganizationRegistered;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

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
}
