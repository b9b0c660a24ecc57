package io.haulstream.query.bins;

import io.haulstream.query.api.ReadConsistency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bins whose tag starts with what a dispatcher typed, in tag order: the board's search box. A
 * prefix, compared as written (tags are the hauler's own labels), served by
 * {@code bins_organization_tag_idx}.
 */
@RestController
class BinTagSearch {

    static final int MAX_LIMIT = 50;

    /** A bin found by its tag, with where it is, so the map can fly there. */
    record TaggedBin(String binId, String tag, String customerName, String status, BinView.Location location) {}

    record TaggedBins(List<TaggedBin> bins) {}

    private final ReadConsistency consistency;
    private final JdbcTemplate jdbc;

    BinTagSearch(ReadConsistency consistency, JdbcTemplate jdbc) {
        this.consistency = consistency;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/organizations/{organizationId}/bins/tagged")
    TaggedBins tagged(
            @PathVariable String organizationId,
            @RequestParam(name = "prefix") @Size(min = 1, max = 255) String prefix,
            @RequestParam(name = "limit", defaultValue = "10") @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return new TaggedBins(jdbc.query(
                "select bin_id, tag, customer_name, status, st_y(location::geometry), st_x(location::geometry)"
                        + " from read_model.bins where organization_id = ? and not deleted and tag like ? escape '\\'"
                        + " order by tag, bin_id limit ?",
                (rs, row) -> new TaggedBin(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        new BinView.Location(rs.getDouble(5), rs.getDouble(6))),
                organizationId,
                pattern,
                limit));
    }
}
