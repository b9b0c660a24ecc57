-- BinServiced revision 2 names the truck. Adding a nullable column without a default changes only
-- the catalogue, so it takes no time on a big table; rows written before it have no vehicle.
ALTER TABLE read_model.service_history ADD COLUMN vehicle_id TEXT;
COMMENT ON COLUMN read_model.service_history.vehicle_id IS 'The truck that serviced the bin, as the fleet record or the command named it; null when none was named, and for services projected before BinServiced revision 2.';
