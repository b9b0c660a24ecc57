package io.haulstream.query.bins;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface BinRows extends Repository<BinRow, String> {

    List<BinRow> findByBinIdIn(Collection<String> binIds);

    @Query("select b from BinRow b where b.organizationId in :organizationIds")
    List<BinRow> findByOrganizationIds(Collection<String> organizationIds);
}
