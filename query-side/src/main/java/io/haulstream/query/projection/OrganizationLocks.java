package io.haulstream.query.projection;

import java.util.Collection;

/**
 * The lock that lets several query-side instances project one topic side by side without missing
 * each other's rows. Every read model joins rows of one organization only (a bin copies its
 * customer's and organization's names and its route, a territory covers its own organization's
 * bins and routes), but the events of those rows travel on different partitions and so on different
 * instances. Two batches that name a common organization therefore run one after the other: each
 * batch takes one transaction-scoped advisory lock per organization it names, before its first
 * read, and under READ COMMITTED each statement of the later batch sees what the earlier committed,
 * so the second of the two events always fills in the join. Which instance holds which partition
 * does not matter, and batches of different organizations still run at once.
 *
 * <p>Deadlock-free: a batch takes all of these locks in one statement, in ascending key order,
 * before any row lock; rows of an organization are then only locked by the batch holding its lock,
 * and the rows shared by all organizations (the statistics of all of them together) are written in
 * one fixed order, projector by projector and key by key.
 */
final class OrganizationLocks {

    /** Keeps these locks apart from any other advisory lock on the database: "HSPO" in ASCII. */
    private static final long NAMESPACE = 0x4853504FL;

    private OrganizationLocks() {}

    /**
     * Distinct lock keys, ascending: sorted by key rather than by organization id, so two ids that
     * share a hash are still taken in one order by every batch.
     */
    static long[] keys(Collection<String> organizations) {
        return organizations.stream()
                .mapToLong(organization -> NAMESPACE << 32 | (organization.hashCode() & 0xFFFFFFFFL))
                .distinct()
                .sorted()
                .toArray();
    }
}
