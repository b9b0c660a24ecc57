package io.haulstream.query.bins;

import java.util.Collection;
import java.util.List;
import org.springframework.data.repository.Repository;

interface BinRows extends Repository<BinRow, String> {

    List<BinRow> findByBinIdIn(Collection<String> binIds);
}
