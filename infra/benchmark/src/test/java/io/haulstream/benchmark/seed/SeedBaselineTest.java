package io.haulstream.benchmark.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's schema as SQL resources: read back statement by statement, as the loader sends them. */
class SeedBaselineTest {

    @Test
    void schemaScriptCreatesTheSixTablesInAFreshSchema() {
        List<String> statements = SeedBaseline.script("schema.sql");

        assertThat(statements).hasSize(9);
        assertThat(statements.get(1)).isEqualTo("DROP SCHEMA IF EXISTS seed_baseline CASCADE");
        assertThat(statements.stream().filter(sql -> sql.startsWith("CREATE TABLE seed_baseline.")))
                .hasSize(6);
        assertThat(statements).noneMatch(sql -> sql.contains("--") || sql.endsWith(";"));
    }

    @Test
    void indexScriptKeysEveryTableAndGivesTheGeographyColumnsPlainGistIndexes() {
        List<String> statements = SeedBaseline.script("indexes.sql");

        assertThat(statements.stream().filter(sql -> sql.contains("ADD PRIMARY KEY")))
                .hasSize(6);
        assertThat(statements.stream().filter(sql -> sql.contains("USING GIST")))
                .hasSize(3)
                .noneMatch(sql -> sql.contains("WHERE"));
        assertThat(statements.get(statements.size() - 1)).isEqualTo("ANALYZE seed_baseline.service_events");
        assertThat(statements).noneMatch(sql -> sql.contains("--") || sql.endsWith(";"));
    }
}
