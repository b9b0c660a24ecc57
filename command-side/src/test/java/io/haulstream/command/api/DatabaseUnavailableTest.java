package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseUnavailableTest {

    /** PostgreSQL's SQLStates, from its manual's Appendix A. */
    private static SQLException state(String sqlState) {
        return new SQLException("from the server", sqlState);
    }

    @Test
    void a_server_shutting_down_or_a_lost_connection_deep_in_the_chain_is_the_database_being_unavailable() {
        assertThat(DatabaseUnavailable.causedIt(
                        new EventStoreException("append failed", new RuntimeException(state("57P01")))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedIt(new IllegalStateException(state("57P03"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedIt(new IllegalStateException(state("08006"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedIt(new CannotCreateTransactionException("no connection")))
                .isTrue();
    }

    @Test
    void a_broken_rule_of_the_database_or_a_fault_of_ours_is_not() {
        assertThat(DatabaseUnavailable.causedIt(new DataIntegrityViolationException("dup", state("23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedIt(new IllegalStateException(state("42P01"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedIt(new NullPointerException())).isFalse();
    }

    @Test
    void the_client_is_told_to_send_it_again_and_any_other_failure_is_left_alone() {
        var handling = new ProblemHandling();

        var reply = handling.unavailable(new EventStoreException("append failed", state("57P01")));

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(reply.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(reply.getBody().getTitle()).isEqualTo("Database unavailable");
        assertThat(reply.getBody().getDetail()).contains("Idempotency-Key");
        IllegalStateException ours = new IllegalStateException("a bug");
        assertThatThrownBy(() -> handling.unavailable(ours)).isSameAs(ours);
    }
}
