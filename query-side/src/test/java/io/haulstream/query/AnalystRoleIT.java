package io.haulstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The analysts' role reads every read-model table and can change none: no write grant on any table,
 * no table of its own in the schema. Checked on the test database as the migrations leave it.
 */
class AnalystRoleIT {

    private static final String ANALYST = System.getenv().getOrDefault("ANALYST_DB_USER", "haulstream_analyst");

    private final JdbcTemplate jdbc = TestDatabase.get().jdbc();

    @Test
    void readsEveryReadModelTableAndWritesNone() {
        List<Map<String, Object>> tables = jdbc.queryForList(
                "select c.relname,"
                        + " has_table_privilege(?, c.oid, 'SELECT') as reads,"
                        + " has_table_privilege(?, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')"
                        + " as writes"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'read_model' and c.relkind in ('r', 'p', 'v', 'm')",
                ANALYST,
                ANALYST);

        assertThat(tables).extracting(t -> t.get("relname")).contains("bins", "routes", "service_history");
        assertThat(tables)
                .allSatisfy(t ->
                        assertThat(t.get("writes")).as("%s", t.get("relname")).isEqualTo(false));
        // Flyway's own history is created before the first migration grants anything, and is no read model.
        assertThat(tables)
                .filteredOn(t -> !"flyway_schema_history".equals(t.get("relname")))
                .allSatisfy(t ->
                        assertThat(t.get("reads")).as("%s", t.get("relname")).isEqualTo(true));
    }

    @Test
    void createsNothingInTheReadModelOrTheDatabase() {
        assertThat(jdbc.queryForObject(
                        "select has_schema_privilege(?, 'read_model', 'CREATE')"
                                + " or has_database_privilege(?, current_database(), 'CREATE')",
                        Boolean.class,
                        ANALYST,
                        ANALYST))
                .isFalse();
    }
}
