package io.haulstream.query.bins;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface BinRows extends Repository<BinRow, String> {

    List<BinRow> findByBinIdIn(Collection<String> binIds);

    /**
     * The rows of a batch's changed bins, up to thousands at once: one array parameter, where an IN
     * list binds a parameter per bin and PostgreSQL plans a statement of that many parameters.
     */
    @Query(value = "select * from read_model.bins where bin_id = any(cast(:ids as text[]))", nativeQuery = true)
    List<BinRow> findAllByIds(@Param("ids") String[] binIds);
}
