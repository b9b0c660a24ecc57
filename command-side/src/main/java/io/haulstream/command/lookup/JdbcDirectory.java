package io.haulstream.command.lookup;

import io.haulstream.command.domain.Directory;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Component
class JdbcDirectory implements Directory {

    private final JdbcTemplate jdbc;

    JdbcDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isActiveOrganization(String organizationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from lookup_organizations where organization_id = ? and active)",
                Boolean.class,
                organizationId));
    }

    @Override
    public Optional<String> organizationOfOpenCustomer(String customerId) {
        return organizationOf(
                "select organization_id from lookup_customers where customer_id = ? and not closed", customerId);
    }

    /**
     * Shares the bin's row until the command commits: a removal, which takes the row exclusively
     * before it reads the bin's stops, then waits for this assignment and sees its stop.
     */
    @Override
    public Optional<String> organizationOfPlacedBin(String binId) {
        requireCommandTransaction();
        return organizationOf(
                "select organization_id from lookup_bins where bin_id = ? and not removed for share", binId);
    }

    @Override
    public Optional<String> organizationOfRoute(String routeId) {
        return organizationOf("select organization_id from lookup_routes where route_id = ? and not deleted", routeId);
    }

    @Override
    public boolean isTagTaken(String organizationId, String tag) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from lookup_bins where organization_id = ? and tag = ? and not removed)",
                Boolean.class,
                organizationId,
                tag));
    }

    @Override
    public boolean isTerritoryNameTaken(String organizationId, String name) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from lookup_territories where organization_id = ? and lower(name) = lower(?)"
                        + " and not retired)",
                Boolean.class,
                organizationId,
                name));
    }

    /**
     * Takes the bin's row exclusively first, so that an assignment in flight either commits its
     * stop before the stops are read here or waits and then finds the bin removed.
     */
    @Override
    public List<String> routesWithStop(String binId) {
        requireCommandTransaction();
        jdbc.queryForList("select bin_id from lookup_bins where bin_id = ? for no key update", String.class, binId);
        return jdbc.queryForList(
                "select route_id from lookup_route_stops where bin_id = ? order by route_id", String.class, binId);
    }

    @Override
    public boolean claimFleetRecord(String fleetSystem, String recordId, String recordType, String aggregateId) {
        requireCommandTransaction();
        return jdbc.update(
                        "insert into fleet_records_applied"
                                + " (fleet_system, record_id, record_type, aggregate_id, applied_at)"
                                + " values (?, ?, ?, ?, now()) on conflict (fleet_system, record_id) do nothing",
                        fleetSystem,
                        recordId,
                        recordType,
                        aggregateId)
                == 1;
    }

    @Override
    public boolean isFleetSystemBound(String fleetSystem, String organizationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from fleet_system_bindings where fleet_system = ? and organization_id = ?)",
                Boolean.class,
                fleetSystem,
                organizationId));
    }

    /** A row lock or a claim outside the command's transaction would be released (or kept) independently of the command's events. */
    private static void requireCommandTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a lookup lock is only held within the command's transaction");
        }
    }

    private Optional<String> organizationOf(String sql, String id) {
        return jdbc.queryForList(sql, String.class, id).stream().findFirst();
    }
}
