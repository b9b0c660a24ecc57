package io.haulstream.query.bins;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.locationtech.jts.geom.Point;

/** {@code read_model.bins} as Hibernate Spatial reads it; only projectors write the table. */
@Entity
@Immutable
@Table(schema = "read_model", name = "bins")
class BinRow {

    @Id
    @Column(name = "bin_id")
    private String binId;

    @Column(name = "organization_id")
    private String organizationId;

    @Column(name = "organization_name")
    private String organizationName;

    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "customer_name")
    private String customerName;

    @Column(name = "service_address")
    private String serviceAddress;

    private String tag;

    @Column(name = "container_type")
    private String containerType;

    @Column(name = "waste_stream")
    private String wasteStream;

    @Column(name = "capacity_litres")
    private int capacityLitres;

    private String status;

    @Column(columnDefinition = "geography(Point,4326)")
    private Point location;

    @Column(name = "fill_percent")
    private Integer fillPercent;

    @Column(name = "fill_reported_at")
    private Instant fillReportedAt;

    @Column(name = "last_serviced_at")
    private Instant lastServicedAt;

    @Column(name = "service_count")
    private int serviceCount;

    @Column(name = "route_id")
    private String routeId;

    @Column(name = "territory_id")
    private String territoryId;

    @Column(name = "placed_at")
    private Instant placedAt;

    private boolean deleted;

    private long version;

    @Column(name = "changed_by")
    private String changedBy;

    @Column(name = "changed_at")
    private Instant changedAt;

    protected BinRow() {}

    BinView toView() {
        return new BinView(
                binId,
                organizationId,
                organizationName,
                customerId,
                customerName,
                serviceAddress,
                tag,
                containerType,
                wasteStream,
                capacityLitres,
                status,
                new BinView.Location(location.getY(), location.getX()),
                fillPercent,
                fillReportedAt,
                lastServicedAt,
                serviceCount,
                routeId,
                territoryId,
                placedAt,
                deleted,
                version,
                changedBy,
                changedAt);
    }
}
