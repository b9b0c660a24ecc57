package io.haulstream.e2e;

import io.haulstream.events.ConsistencyToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of one fault's acknowledged commands and fleet records: found in the event store
 * (stored), reached by the read model's position of their aggregate (projected), and any fleet
 * record id applied twice (two events, or two service rows) in the whole run so far.
 */
final class FaultLedger {

    record Count(int acknowledged, int stored, int projected, int lost, int appliedTwice) {}

    /** An event of the store, by its aggregate and sequence. */
    private record Stored(List<String> aggregates, List<Long> sequences) {}

    private final StatisticsReadModel readModel;

    FaultLedger(StatisticsReadModel readModel) {
        this.readModel = readModel;
    }

    /** Whether every fleet record the broker took is in the event store (the command side consumes them behind). */
    boolean settled(FaultLoad.Window window) throws SQLException {
        return fleetEvents(window).aggregates().size() >= window.fleetAcknowledged.size();
    }

    Count count(FaultLoad.Window window) throws SQLException {
        List<String> aggregates = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (ConsistencyToken token : window.acknowledged) {
            aggregates.add(token.aggregateId());
            sequences.add(token.sequence());
        }
        Stored fleet = fleetEvents(window);
        int acknowledged = aggregates.size() + window.fleetAcknowledged.size();
        int stored = storedOf(aggregates, sequences) + fleet.aggregates().size();
        aggregates.addAll(fleet.aggregates());
        sequences.addAll(fleet.sequences());
        int projected = projectedOf(aggregates, sequences);
        return new Count(acknowledged, stored, projected, acknowledged - Math.min(stored, projected), appliedTwice());
    }

    private int storedOf(List<String> aggregates, List<Long> sequences) throws SQLException {
        try (Connection store = readModel.store();
                PreparedStatement statement =
                        store.prepareStatement("select count(*) from unnest(?::text[], ?::bigint[])"
                                + " as t(aggregate, sequence) where exists (select 1 from domain_event_entry e"
                                + " where e.aggregate_identifier = t.aggregate and e.sequence_number = t.sequence)")) {
            return countOf(store, statement, aggregates, sequences);
        }
    }

    private int projectedOf(List<String> aggregates, List<Long> sequences) throws SQLException {
        try (Connection query = readModel.query();
                PreparedStatement statement =
                        query.prepareStatement("select count(*) from unnest(?::text[], ?::bigint[])"
                                + " as t(aggregate, sequence) where exists (select 1 from read_model.aggregate_positions p"
                                + " where p.aggregate_id = t.aggregate and p.sequence_number >= t.sequence)")) {
            return countOf(query, statement, aggregates, sequences);
        }
    }

    private static int countOf(
            Connection connection, PreparedStatement statement, List<String> aggregates, List<Long> sequences)
            throws SQLException {
        statement.setArray(1, connection.createArrayOf("text", aggregates.toArray()));
        statement.setArray(2, connection.createArrayOf("bigint", sequences.toArray()));
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The events of the window's fleet records, one per record id (a second one is counted as applied twice). */
    private Stored fleetEvents(FaultLoad.Window window) throws SQLException {
        List<String> aggregates = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        try (Connection store = readModel.store();
                PreparedStatement statement = store.prepareStatement(
                        "select distinct on (record) record, aggregate_identifier, sequence_number from ("
                                + " select convert_from(payload, 'UTF8')::jsonb ->> 'fleetRecordId' as record,"
                                + " aggregate_identifier, sequence_number from domain_event_entry"
                                + " where payload_type like '%.BinServiced' or payload_type like '%.BinFillLevelReported'"
                                + ") e where record = any(?) order by record, sequence_number")) {
            statement.setArray(1, store.createArrayOf("text", window.fleetAcknowledged.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    aggregates.add(row.getString(2));
                    sequences.add(row.getLong(3));
                }
            }
        }
        return new Stored(aggregates, sequences);
    }

    /** Fleet record ids with more than one event in the store, or more than one service row in the read model. */
    private int appliedTwice() throws SQLException {
        int twice;
        try (Connection store = readModel.store();
                var rows = store.createStatement()
                        .executeQuery(
                                "select count(*) from (select convert_from(payload, 'UTF8')::jsonb ->> 'fleetRecordId'"
                                        + " as record from domain_event_entry where payload_type like '%.BinServiced'"
                                        + " or payload_type like '%.BinFillLevelReported') e where record is not null"
                                        + " group by record having count(*) > 1")) {
            twice = 0;
            while (rows.next()) {
                twice++;
            }
        }
        try (Connection query = readModel.query();
                var rows = query.createStatement()
                        .executeQuery(
                                "select count(*) from (select fleet_record_id from read_model.service_history"
                                        + " where fleet_record_id is not null group by fleet_record_id having count(*) > 1) d")) {
            rows.next();
            twice += rows.getInt(1);
        }
        return twice;
    }
}
