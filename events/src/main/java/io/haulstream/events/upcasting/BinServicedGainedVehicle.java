package io.haulstream.events.upcasting;

import java.util.LinkedHashMap;
import java.util.Map;

/** BinServiced revision 1 was published before services named their truck: no vehicle is known. */
final class BinServicedGainedVehicle implements Upcaster {

    @Override
    public String type() {
        return "BinServiced";
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
        upcast.putIfAbsent("vehicleId", null);
        return upcast;
    }
}
