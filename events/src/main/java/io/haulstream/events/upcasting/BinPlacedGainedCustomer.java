package io.haulstream.events.upcasting;

import java.util.LinkedHashMap;
import java.util.Map;

/** BinPlaced revision 1 was published before customers existed: such bins have no customer. */
final class BinPlacedGainedCustomer implements Upcaster {

    @Override
    public String type() {
        return "BinPlaced";
    }

    @Override
    public String fromRevision() {
        return "1";
    }

    @Override
    public String toRevision() {
        return "2";
    }

    @Override
    public Map<String, Object> upcast(Map<String, Object> json) {
        Map<String, Object> upcast = new LinkedHashMap<>(json);
        upcast.putIfAbsent("customerId", null);
        return upcast;
    }
}
