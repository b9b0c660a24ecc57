package io.haulstream.query.directory;

import java.time.Instant;
import java.util.List;

/** The directory's replies: pages of organizations and of customers, each with its next cursor. */
public final class Directory {

    private Directory() {}

    public record Organization(String organizationId, String name, boolean active, Instant registeredAt) {}

    /** @param next the opaque cursor for {@code after}; null on the last page */
    public record Organizations(List<Organization> organizations, String next) {}

    public record Location(double latitude, double longitude) {}

    /** @param bins the customer's bins that are not removed, in id order */
    public record Customer(
            String customerId, String name, String serviceAddress, Location location, boolean closed, List<Bin> bins) {}

    /** @param next the opaque cursor for {@code after}; null on the last page */
    public record Customers(List<Customer> customers, String next) {}

    /** @param latestService null for a bin never serviced */
    public record Bin(
            String binId,
            String tag,
            String status,
            String containerType,
            String wasteStream,
            Integer fillPercent,
            String routeId,
            Service latestService) {}

    public record Service(String outcome, Double weightKg, String routeId, Instant servicedAt) {}
}
