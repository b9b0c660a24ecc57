package io.haulstream.query.territories;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.query.EventsTopic;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The plans PostgreSQL settles on for the territory reads and the membership's lookups, at a size
 * where a wrong index shows: 100,000 bins of 10 organizations with 12 territories each, planned
 * generically as JDBC's prepared statements end up being. Each asserts the index the statement was
 * written for, so a change that loses it fails here rather than in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerritoryQueryPlansIT {

    private static final String ORGANIZATION = "plans-org-3";
    private static final String TERRITORY = "plans-territory-3-5";
    private static final String POINT = "ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography";

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.territory-plans");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transaction;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    /** Bins on a grid of cells over Berlin; a cell's bins share a territory, one cell in twelve has none. */
    @BeforeAll
    void manyBins() {
        jdbc.update("delete from read_model.bins where organization_id like 'plans-org-%'");
        jdbc.update("insert into read_model.bins (bin_id, organization_id, tag, container_type, waste_stream,"
                + " capacity_litres, status, location, placed_at, deleted, version, updated_at, territory_id)"
                + " select 'plans-bin-' || i, 'plans-org-' || (i % 10), 'P-' || i, 'CART', 'GENERAL', 240,"
                + " case when i % 20 = 0 then 'MAINTENANCE' else 'ACTIVE' end,"
                + " ST_SetSRID(ST_MakePoint(13.2 + x * 0.4, 52.4 + y * 0.2), 4326)::geography, now(), false, 1, now(),"
                + " case when cell % 13 = 12 then null else 'plans-territory-' || (i % 10) || '-' || (cell % 13) end"
                + " from (select i, random() as x, random() as y from generate_series(1, 100000) i) p,"
                + " lateral (select (floor(p.x * 4) * 4 + floor(p.y * 4))::int as cell) c");
        jdbc.update("delete from read_model.territories where organization_id like 'plans-org-%'");
        jdbc.update("insert into read_model.territories (territory_id, organization_id, name, boundary, created_at,"
                + " retired, version, updated_at) select 'plans-territory-' || o || '-' || k, 'plans-org-' || o, 'T' || k,"
                + " ST_MakeEnvelope(13.2 + (k % 4) * 0.1, 52.4 + (k / 4) * 0.05, 13.3 + (k % 4) * 0.1,"
                + " 52.45 + (k / 4) * 0.05, 4326), now(), false, 1, now()"
                + " from generate_series(0, 9) o, generate_series(0, 12) k");
        jdbc.execute("analyze read_model.bins");
        jdbc.execute("analyze read_model.territories");
    }

    /**
     * The bins a reshaped territory may take: the organization's bins in its widened box, found by
     * an index on location (the box is the index condition), never by reading the organization's
     * bins one by one.
     */
    @Test
    void theBinsUnderANewBoundaryAreFoundByTheirLocation() {
        String plan = plan(
                "select b.bin_id from read_model.territories t join read_model.bins b"
                        + " on b.organization_id = t.organization_id and not b.deleted"
                        + " and b.location && ST_Expand(t.boundary, 0.00001 + 0.1 * greatest("
                        + "ST_XMax(t.boundary) - ST_XMin(t.boundary), ST_YMax(t.boundary) - ST_YMin(t.boundary)))"
                        + "::geography where t.territory_id = any($1) and not t.retired",
                "text[]");
        // The territories table is small and may be read whole; the bins are reached by index alone.
        assertThat(plan)
                .contains("bins_organization_territory_location_idx")
                .contains("(location && (st_expand(t.boundary");
        assertThat(sequentiallyScanned(plan)).doesNotContain("bins");
    }

    /**
     * What the membership adds to a batch of 2,000 bin events: one statement over the batch's bins.
     * Printed for the record (the machine is shared, so no bound is asserted), and the territories
     * found are checked against the grid the bins were placed on.
     */
    @Test
    void derivesTheTerritoriesOfABatchOfBinsInOneStatement() {
        String[] ids = java.util.stream.IntStream.rangeClosed(1, 2000)
                .mapToObj(i -> "plans-bin-" + i)
                .toArray(String[]::new);
        long started = System.nanoTime();
        Integer changed = transaction.execute(status -> {
            int rows = jdbc.update(
                    "update read_model.bins b set territory_id = m.territory_id, version = b.version + 1,"
                            + " updated_at = now() from (select c.bin_id, "
                            + TerritoryMembershipProjector.BIN_TERRITORY + " as territory_id"
                            + " from read_model.bins c where c.bin_id = any(?)) m"
                            + " where b.bin_id = any(?) and b.bin_id = m.bin_id"
                            + " and b.territory_id is distinct from m.territory_id",
                    ids,
                    ids);
            status.setRollbackOnly();
            return rows;
        });
        System.out.printf(
                "membership of 2,000 bins among 100,000: %d changed in %.1f ms%n",
                changed, (System.nanoTime() - started) / 1e6);
        assertThat(changed).isPositive();
    }

    @Test
    void nearestBinsOfATerritoryWalkTheTerritoryIndexInDistanceOrder() {
        assertThat(plan(
                        "select bin_id from read_model.bins where organization_id = $1 and status = 'ACTIVE'"
                                + " AND NOT deleted and territory_id = $2 order by location <-> " + POINT + " limit 10",
                        "text, text, float8, float8"))
                .contains("bins_organization_territory_location_idx")
                .doesNotContain("\"Node Type\": \"Sort\"");
    }

    /**
     * Measured here, the generic plan of a radius within a territory takes the organization's
     * partial index of active bins (smaller, and exact on the status) with the radius as its index
     * condition, and drops other territories' bins by filter: the radius bounds the rows either
     * index visits. What must not happen is a scan that ignores the radius.
     */
    @Test
    void binsOfATerritoryWithinARadiusAreBoundedByTheRadiusInAnIndex() {
        String plan = plan(
                "select bin_id from read_model.bins where organization_id = $1 and status = 'ACTIVE'"
                        + " AND NOT deleted and territory_id = $2 and ST_DWithin(location, " + POINT + ", $5)",
                "text, text, float8, float8, float8");
        assertThat(plan)
                .containsAnyOf("bins_organization_territory_location_idx", "bins_organization_active_location_idx")
                .contains("(location && _st_expand(")
                .doesNotContain("Seq Scan");
    }

    @Test
    void theMembersOfATerritoryAreFoundByTheTerritoryIndex() {
        assertThat(plan(
                        "select b.bin_id from read_model.territories t join read_model.bins b"
                                + " on b.organization_id = t.organization_id and b.territory_id = t.territory_id"
                                + " and not b.deleted where t.territory_id = any($1)",
                        "text[]"))
                .contains("bins_organization_territory_location_idx");
    }

    /** The tables the plan reads whole. */
    private static List<String> sequentiallyScanned(String plan) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(plan).findParents("Node Type").stream()
                            .filter(node -> node.get("Node Type").asText().equals("Seq Scan"))
                            .map(node -> node.path("Relation Name").asText())
                            .toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The generic plan of the statement, as JSON text, with the session settings the application runs with. */
    private String plan(String sql, String parameterTypes) {
        return transaction.execute(status -> {
            jdbc.execute("set local plan_cache_mode = force_generic_plan");
            jdbc.execute("prepare territory_plan (" + parameterTypes + ") as " + sql);
            try {
                String arguments = String.join(
                        ", ",
                        List.of(parameterTypes.split(", ")).stream()
                                .map(type -> switch (type) {
                                    case "text" -> "'" + ORGANIZATION + "'";
                                    case "text[]" -> "array['" + TERRITORY + "']";
                                    default -> "13.4";
                                })
                                .toList());
                arguments = arguments.replaceFirst(
                        "'" + ORGANIZATION + "', '" + ORGANIZATION + "'",
                        "'" + ORGANIZATION + "', '" + TERRITORY + "'");
                return String.join(
                        "\n",
                        jdbc.queryForList(
                                "explain (format json) execute territory_plan (" + arguments + ")", String.class));
            } finally {
                jdbc.execute("deallocate territory_plan");
            }
        });
    }
}
