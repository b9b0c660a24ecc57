package io.haulstream.command.fleet;

import io.haulstream.command.domain.Directory;
import io.haulstream.command.domain.InputLimits;
import io.haulstream.events.fleet.FleetRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which organizations a fleet system may touch, set by operators on the management port (served
 * there only, as every path under {@code /fleet/}). A binding is a contract between a hauler and
 * a fleet vendor: it changes without a deploy and holds for every command-side instance at once,
 * since the aggregates read it from this table in the command's own transaction.
 */
@RestController
@RequestMapping("/fleet/systems")
class FleetSystemBindings {

    private final JdbcTemplate jdbc;
    private final Directory directory;

    FleetSystemBindings(JdbcTemplate jdbc, Directory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @GetMapping
    Map<String, List<String>> list() {
        Map<String, List<String>> bindings = new LinkedHashMap<>();
        jdbc.query(
                "select fleet_system, organization_id from fleet_system_bindings order by fleet_system, organization_id",
                row -> {
                    bindings.computeIfAbsent(row.getString(1), system -> new java.util.ArrayList<>())
                            .add(row.getString(2));
                });
        return bindings;
    }

    @PutMapping("/{fleetSystem}/organizations/{organizationId}")
    ResponseEntity<?> bind(@PathVariable String fleetSystem, @PathVariable String organizationId) {
        if (!FleetRecord.FLEET_SYSTEM.matcher(fleetSystem).matches()) {
            return refused(HttpStatus.BAD_REQUEST, "fleetSystem", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (organizationId.length() > InputLimits.ID || !directory.isActiveOrganization(organizationId)) {
            return refused(HttpStatus.NOT_FOUND, "organizationId", "no active organization has this id");
        }
        jdbc.update(
                "insert into fleet_system_bindings (fleet_system, organization_id, bound_at) values (?, ?, now())"
                        + " on conflict do nothing",
                fleetSystem,
                organizationId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{fleetSystem}/organizations/{organizationId}")
    ResponseEntity<Void> unbind(@PathVariable String fleetSystem, @PathVariable String organizationId) {
        jdbc.update(
                "delete from fleet_system_bindings where fleet_system = ? and organization_id = ?",
                fleetSystem,
                organizationId);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ProblemDetail> refused(HttpStatus status, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + " " + reason);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return ResponseEntity.status(status).body(problem);
    }
}
