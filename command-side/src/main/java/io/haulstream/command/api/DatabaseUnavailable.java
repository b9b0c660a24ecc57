package io.haulstream.command.api;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a command failed because the database could not be reached or went away while it ran (a
 * restart, a failover, a connection cut), as opposed to a fault of the command or of our code. The
 * failure arrives wrapped differently by the pool, Hibernate, Axon's event store or Spring, so the
 * whole cause chain is read; for a driver's SQLException its SQLState decides: class 08 (connection
 * exception) and 57P01 to 57P03 (the server shutting down, crashed, or not yet accepting).
 */
final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    static boolean causedIt(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
