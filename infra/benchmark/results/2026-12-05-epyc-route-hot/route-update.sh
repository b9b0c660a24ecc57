#!/usr/bin/env bash
# route-update.sh: the projection's route assignment statement on 1,500 random bins of the loaded
# medium city, with bins_route_idx and without it (dropped inside the transaction), each rolled back.
# Prints the statement's time and the HOT updates the transaction counted (both updates: the reset to
# null that prepares the sample, and the assignment).
set -euo pipefail
P="psql -h 127.0.0.1 -p ${PG_PORT:-5432} -U haulstream -d haulstream_query -At"
export PGPASSWORD=${HAULSTREAM_DB_PASSWORD:-haulstream}
for rep in 1 2 3 4; do for drop in none bins_route_idx; do
  dropsql=""; [[ $drop != none ]] && dropsql="drop index read_model.$drop;"
  out=$($P <<SQL 2>&1
begin;
$dropsql
create temp table sample as select bin_id from read_model.route_stops order by random() limit 1500;
update read_model.bins set route_id = null where bin_id in (select bin_id from sample);
\timing on
update read_model.bins b set route_id = (select s.route_id from read_model.route_stops s where s.bin_id = b.bin_id order by s.assigned_at desc, s.route_id limit 1), version = b.version + 1, updated_at = now() where b.bin_id in (select bin_id from sample);
\timing off
select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'bins';
rollback;
SQL
)
  echo "index dropped: $drop, run $rep: $(echo "$out" | grep Time: | head -1) hot updates: $(echo "$out" | grep -E '^[0-9]+$' | tail -1)"
done; done
