package io.haulstream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model at a realistic size for plans and statement counts, generated in SQL with
 * generate_series: 50 organizations, 10,000 customers, 60,000 bins, 4,000 routes, 20,000 stops and 200,000 services
 * over Berlin, of which the organization {@link #ORGANIZATION} holds a fifth, the customer
 * {@link #CUSTOMER_MANY} more than 500 bins, the bin {@link #BIN_HOT} and the route {@link #ROUTE_BUSY}
 * more than 500 services each, and routes {@code scale-route-stops-N} exactly N stops (1, 50, 500).
 * Loaded once per database (it stays until the test databases are reset) and analyzed, so the
 * planner sees it as it is.
 */
public final class ScaleCity {

    public static final String ORGANIZATION = "scale-org-00";
    public static final String CUSTOMER_MANY = "scale-c-00000";
    public static final String BIN_HOT = "scale-b-000000";
    public static final String ROUTE_BUSY = "scale-r-0000";

    private static boolean loaded;

    private ScaleCity() {}

    public static synchronized void load(JdbcTemplate jdbc) {
        if (loaded) {
            return;
        }
        Integer present = jdbc.queryForObject(
                "select count(*) from read_model.organizations where organization_id = ?", Integer.class, ORGANIZATION);
        if (present == 0) {
            generate(jdbc);
        }
        loaded = true;
    }

    private static void generate(JdbcTemplate jdbc) {
        jdbc.execute("select setseed(0.16)");
        jdbc.update("insert into read_model.organizations (organization_id, name, registered_at, version, active)"
                + " select format('scale-org-%s', lpad(o::text, 2, '0')), 'Hauler ' || o, now(), 1, true"
                + " from generate_series(0, 49) o");
        // Customers 0-1999 are the organization's (every 5th of the first 10,000 goes elsewhere).
        jdbc.update("insert into read_model.customers (customer_id, organization_id, name, service_address, location,"
                + " closed, version)"
                + " select format('scale-c-%s', lpad(c::text, 5, '0')),"
                + " case when c < 2000 then 'scale-org-00' else format('scale-org-%s', lpad((1 + c % 49)::text, 2, '0')) end,"
                + " 'Customer ' || c, c || ' Main St',"
                + " ST_SetSRID(ST_MakePoint(13.1 + random() * 0.6, 52.35 + random() * 0.3), 4326)::geography, false, 1"
                + " from generate_series(0, 9999) c");
        // Bins 0-11,999 are the organization's: 600 of customer 0, the others 6 per customer; bins 0-2,999
        // lie along the stops routes' line (13.3-13.5 E at 52.5 N), so that hundreds are near it.
        jdbc.update("insert into read_model.bins (bin_id, organization_id, organization_name, tag, container_type,"
                + " waste_stream, capacity_litres, status, location, placed_at, deleted, version, updated_at,"
                + " customer_id, customer_name, service_address, service_count)"
                + " select format('scale-b-%s', lpad(b::text, 6, '0')), o, 'Hauler', 'T-' || b, 'CART', 'GENERAL', 240,"
                + " case when b % 10 = 9 then 'INACTIVE' else 'ACTIVE' end,"
                + " case when b < 3000 then ST_SetSRID(ST_MakePoint(13.3 + random() * 0.2, 52.495 + random() * 0.01), 4326)"
                + " else ST_SetSRID(ST_MakePoint(13.1 + random() * 0.6, 52.35 + random() * 0.3), 4326) end::geography,"
                + " now(), b % 50 = 7, 1, now(), c, 'Customer', 'Main St', 0"
                + " from generate_series(0, 59999) b,"
                + " lateral (select case when b < 12000 then 'scale-org-00'"
                + " else format('scale-org-%s', lpad((1 + b % 49)::text, 2, '0')) end as o,"
                + " case when b < 600 then 'scale-c-00000' when b < 12000 then format('scale-c-%s', lpad((1 + b / 6 % 1999)::text, 5, '0'))"
                + " else format('scale-c-%s', lpad((2000 + b % 8000)::text, 5, '0')) end as c) owner");
        // Routes: 4,000 random walks of 12 points; the organization's are 0-799, mostly active.
        jdbc.update("insert into read_model.routes (route_id, organization_id, name, type, status, service_day,"
                + " territory, geometry, created_at, deleted, version, updated_at)"
                + " select format('scale-r-%s', lpad(r::text, 4, '0')),"
                + " case when r < 800 then 'scale-org-00' else format('scale-org-%s', lpad((1 + r % 49)::text, 2, '0')) end,"
                + " 'Route ' || r, (array['RESIDENTIAL','COMMERCIAL','ROLL_OFF','RECYCLING'])[1 + r % 4],"
                + " case when r % 5 = 4 then 'PLANNED' else 'ACTIVE' end,"
                + " (array['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY'])[1 + r % 7],"
                + " 'North', (select ST_MakeLine(array_agg(ST_MakePoint(x0 + i * dx, y0 + sin(i) * 0.002) order by i))::geography"
                + " from generate_series(0, 11) i), now(), false, 1, now()"
                + " from (select r, 13.1 + random() * 0.55 as x0, 52.35 + random() * 0.3 as y0,"
                + " 0.0005 + random() * 0.004 as dx from generate_series(0, 3999) r) walk");
        // Stops: route scale-route-stops-N has the organization's first N bins, N = 1, 50, 500.
        for (int stops : new int[] {1, 50, 500}) {
            String route = "scale-route-stops-" + stops;
            jdbc.update(
                    "insert into read_model.routes (route_id, organization_id, name, type, status, service_day,"
                            + " territory, geometry, created_at, deleted, version, updated_at, stop_count)"
                            + " values (?, 'scale-org-00', 'Stops', 'RESIDENTIAL', 'ACTIVE', 'MONDAY', 'North',"
                            + " 'SRID=4326;LINESTRING(13.3 52.5, 13.4 52.52, 13.5 52.5)'::geography, now(), false, 1, now(), ?)",
                    route,
                    stops);
            jdbc.update(
                    "insert into read_model.route_stops (route_id, bin_id, stop_index, organization_id, assigned_at)"
                            + " select ?, format('scale-b-%s', lpad(s::text, 6, '0')), s, 'scale-org-00', now()"
                            + " from generate_series(0, ? - 1) s",
                    route, stops);
        }
        // Stops: the organization's routes 0-799 have 25 each, so that route_stops is not a small table.
        jdbc.update("insert into read_model.route_stops (route_id, bin_id, stop_index, organization_id, assigned_at)"
                + " select format('scale-r-%s', lpad(r::text, 4, '0')),"
                + " format('scale-b-%s', lpad(((r * 25 + k) % 12000)::text, 6, '0')), k, 'scale-org-00', now()"
                + " from generate_series(0, 799) r, generate_series(0, 24) k");
        // Services: 200,000 over a year; bin 0 gets 1,000, route 0 about 1,300 (every 20th of the organization's).
        jdbc.update("insert into read_model.service_history (bin_id, sequence_number, organization_id, route_id,"
                + " outcome, weight_kg, fleet_record_id, serviced_at, global_position)"
                + " select case when s < 1000 then 'scale-b-000000' else format('scale-b-%s', lpad((s % 60000)::text, 6, '0')) end,"
                + " s, case when s < 1000 or s % 60000 < 12000 then 'scale-org-00'"
                + " else format('scale-org-%s', lpad((1 + (s % 60000) % 49)::text, 2, '0')) end,"
                + " case when not (s < 1000 or s % 60000 < 12000) or s % 3 = 1 then null"
                + " when s % 20 = 0 then 'scale-r-0000' else format('scale-r-%s', lpad((s % 800)::text, 4, '0')) end,"
                + " (array['EMPTIED','EMPTIED','EMPTIED','MISSED','BLOCKED'])[1 + s % 5], 10 + s % 90,"
                + " 'fleet:' || s, timestamptz '2026-01-01' + (s * interval '157 seconds') + random() * interval '1 hour',"
                + " s from generate_series(0, 199999) s");
        jdbc.execute("analyze read_model.organizations, read_model.customers, read_model.bins, read_model.routes,"
                + " read_model.route_stops, read_model.service_history");
    }

    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The plan PostgreSQL settles on for a statement the application repeats (JDBC prepares it on the
     * server after a few runs): a named-parameter statement prepared with {@code $n} parameters and
     * explained under {@code plan_cache_mode = force_generic_plan}, so the values cannot steer it.
     *
     * @param literals each named parameter's value as an SQL literal, e.g. {@code 'scale-org-00'} or {@code 52.5}
     */
    public static JsonNode genericPlan(JdbcTemplate jdbc, String namedSql, Map<String, String> literals) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        Matcher matcher = NAMED.matcher(namedSql);
        StringBuilder positional = new StringBuilder();
        while (matcher.find()) {
            int position = positions.computeIfAbsent(matcher.group(1), name -> positions.size() + 1);
            matcher.appendReplacement(positional, "\\$" + position);
        }
        matcher.appendTail(positional);
        List<String> values = new ArrayList<>();
        positions.keySet().forEach(name -> values.add(literals.get(name)));
        jdbc.execute("set plan_cache_mode = force_generic_plan");
        try {
            jdbc.execute("prepare explained as " + positional);
            String plan = jdbc.queryForObject(
                    "explain (format json) execute explained(" + String.join(", ", values) + ")", String.class);
            return JSON.readTree(plan);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        } finally {
            jdbc.execute("deallocate all");
            jdbc.execute("reset plan_cache_mode");
        }
    }

    /** Every index a plan reads, by name. */
    public static List<String> indexes(JsonNode plan) {
        List<String> names = new ArrayList<>();
        plan.findValues("Index Name").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** Every table a plan reads in full. */
    public static List<String> sequentialScans(JsonNode plan) {
        List<String> tables = new ArrayList<>();
        for (JsonNode node : plan.findParents("Node Type")) {
            if ("Seq Scan".equals(node.get("Node Type").asText())) {
                tables.add(node.get("Relation Name").asText());
            }
        }
        return tables;
    }
}
