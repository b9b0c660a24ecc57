package io.haulstream.command.lookup;

import io.haulstream.command.domain.Directory;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    @Override
    public Optional<String> organizationOfPlacedBin(String binId) {
        return organizationOf("select organization_id from lookup_bins where bin_id = ? and not removed", binId);
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
    public List<String> routesWithStop(String binId) {
        return jdbc.queryForList(
                "select route_id from lookup_route_stops where bin_id = ? order by route_id", String.class, binId);
    }

    private Optional<String> organizationOf(String sql, String id) {
        return jdbc.queryForList(sql, String.class, id).stream().findFirst();
    }
}
