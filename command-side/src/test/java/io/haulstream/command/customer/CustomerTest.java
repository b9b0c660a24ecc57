package io.haulstream.command.customer;

import io.haulstream.command.domain.FakeDirectory;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.CustomerClosed;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.CustomerUpdated;
import io.haulstream.events.GeoPoint;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final GeoPoint HOME = new GeoPoint(13.4, 52.52);
    private static final CustomerRegistered REGISTERED =
            new CustomerRegistered("cus-1", "org-1", "Bakery", "Main St 1", HOME, AT);

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(new FakeDirectory().organization("org-1"));
    }

    @Nested
    class RegisterCustomerCommand {

        @Test
        void registersACustomerOfAnActiveOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer("cus-1", "org-1", " Bakery ", "Main St 1", HOME, AT))
                    .expectEvents(REGISTERED);
        }

        @Test
        void rejectsACustomerOfAnUnknownOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer("cus-1", "org-9", "Bakery", "Main St 1", HOME, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("organizationId: no active organization is registered with id org-9");
        }

        @Test
        void rejectsABlankServiceAddress() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer("cus-1", "org-1", "Bakery", " ", HOME, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("serviceAddress: must not be blank");
        }

        @Test
        void rejectsALocationOutOfRange() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer("cus-1", "org-1", "Bakery", "Main St 1", new GeoPoint(200, 52), AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("location.longitude: must be between -180 and 180, was 200.0");
        }
    }

    @Nested
    class UpdateCustomerCommand {

        @Test
        void updatesAnOpenCustomer() {
            fixture.given(REGISTERED)
                    .when(new UpdateCustomer("cus-1", "org-1", "Bakery GmbH", "Main St 2", HOME, AT))
                    .expectEvents(new CustomerUpdated("cus-1", "org-1", "Bakery GmbH", "Main St 2", HOME, AT));
        }

        @Test
        void rejectsUpdatingAClosedCustomer() {
            fixture.given(REGISTERED, new CustomerClosed("cus-1", "org-1", AT))
                    .when(new UpdateCustomer("cus-1", "org-1", "Bakery GmbH", "Main St 2", HOME, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("customerId: the customer is closed");
        }

        @Test
        void rejectsUpdatingFromAnotherOrganization() {
            fixture.given(REGISTERED)
                    .when(new UpdateCustomer("cus-1", "org-2", "Bakery GmbH", "Main St 2", HOME, AT))
                    .expectException(NotInOrganization.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class CloseCustomerCommand {

        @Test
        void closesAnOpenCustomer() {
            fixture.given(REGISTERED)
                    .when(new CloseCustomer("cus-1", "org-1", AT))
                    .expectEvents(new CustomerClosed("cus-1", "org-1", AT));
        }

        @Test
        void rejectsClosingTwice() {
            fixture.given(REGISTERED, new CustomerClosed("cus-1", "org-1", AT))
                    .when(new CloseCustomer("cus-1", "org-1", AT))
                    .expectException(RuleViolation.class);
        }
    }
}
