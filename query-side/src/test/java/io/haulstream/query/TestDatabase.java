package io.haulstream.query;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The query test database without an application around it, for tests that call the query classes
 * directly on data they write themselves: migrated by Flyway as the application migrates it, with
 * every statement sent to PostgreSQL counted. One connection, kept open, so a test's statements
 * and its counts are its own.
 */
public final class TestDatabase {

    private static TestDatabase shared;

    private final AtomicLong statements = new AtomicLong();
    private final DataSource dataSource;

    private TestDatabase() {
        String url = "jdbc:postgresql://" + env("PG_HOST", "127.0.0.1") + ":" + env("PG_PORT", "5432") + "/"
                + env("QUERY_TEST_DB", "haulstream_query_test");
        String user = env("HAULSTREAM_DB_USER", "haulstream");
        String password = env("HAULSTREAM_DB_PASSWORD", "haulstream");
        // Flyway takes a connection of its own for its lock besides the migration's: not the single one.
        Flyway.configure()
                .dataSource(new DriverManagerDataSource(url, user, password))
                .schemas("read_model")
                // As in application.yml: a transactional lock would make CREATE INDEX CONCURRENTLY wait for it.
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"))
                .placeholders(java.util.Map.of("analystRole", env("ANALYST_DB_USER", "haulstream_analyst")))
                .load()
                .migrate();
        dataSource = counting(new SingleConnectionDataSource(url, user, password, true));
    }

    public static synchronized TestDatabase get() {
        if (shared == null) {
            shared = new TestDatabase();
        }
        return shared;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public NamedParameterJdbcTemplate named() {
        return new NamedParameterJdbcTemplate(dataSource);
    }

    /** Statements executed so far through this database's templates. */
    public long statements() {
        return statements.get();
    }

    private static final Set<String> EXECUTIONS =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

    /** Counts each execution of a statement, however it was created. */
    private DataSource counting(DataSource target) {
        return proxy(DataSource.class, target, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection
                    ? proxy(Connection.class, connection, (p, m, a) -> {
                        Object made = invoke(connection, m, a);
                        if (made instanceof Statement statement) {
                            Class<? extends Statement> type = m.getReturnType().asSubclass(Statement.class);
                            return proxy(type, statement, (sp, sm, sa) -> {
                                if (EXECUTIONS.contains(sm.getName())) {
                                    statements.incrementAndGet();
                                }
                                return invoke(statement, sm, sa);
                            });
                        }
                        return made;
                    })
                    : result;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
