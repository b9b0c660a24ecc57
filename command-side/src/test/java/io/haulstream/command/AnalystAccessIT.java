package io.haulstream.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Analysts read the read model, never the event store: their role cannot even connect to the
 * command side's database (as infra/servers.sh sets it up), and holds no grant on any of its tables.
 */
@SpringBootTest
@ActiveProfiles("it")
class AnalystAccessIT {

    private static final String ANALYST = env("ANALYST_DB_USER", "haulstream_analyst");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theAnalystsRoleCannotConnectToTheEventStore() {
        String url = jdbc.execute(
                (java.sql.Connection connection) -> connection.getMetaData().getURL());

        assertThatThrownBy(() -> DriverManager.getConnection(url, ANALYST, env("ANALYST_DB_PASSWORD", "analyst"))
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
        assertThat(jdbc.queryForObject(
                        "select has_database_privilege(?, current_database(), 'CONNECT')", Boolean.class, ANALYST))
                .isFalse();
    }

    @Test
    void theAnalystsRoleHoldsNoGrantOnAnyTableOfTheEventStore() {
        List<Map<String, Object>> tables = jdbc.queryForList(
                "select c.relname, has_table_privilege(?, c.oid,"
                        + " 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') as granted"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')"
                        // PostGIS's and pg_stat_statements' catalogs are readable by every role, by design.
                        + " and pg_get_userbyid(c.relowner) = current_user",
                ANALYST);

        assertThat(tables).extracting(t -> t.get("relname")).contains("domain_event_entry", "fleet_records_applied");
        assertThat(tables)
                .allSatisfy(t ->
                        assertThat(t.get("granted")).as("%s", t.get("relname")).isEqualTo(false));
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
