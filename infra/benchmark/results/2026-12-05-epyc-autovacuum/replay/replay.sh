#!/usr/bin/env bash
# replay.sh label jar: rebuild the read model from offset 0 with the given query-side jar; prints progress.
set -euo pipefail
label="$1" jar="$2"
cd /work/main
export RUN_DIR=/work/main/infra/.run
source infra/config/haulstream.env
source infra/lib/apps.sh
export PGPASSWORD=${HAULSTREAM_DB_PASSWORD:-haulstream}
P="psql -h 127.0.0.1 -p ${PG_PORT:-5432} -U haulstream -d haulstream_query -At"
stop_app query-side
stop_app command-side || true
$P -c "drop schema read_model cascade" >/dev/null
redis-cli -p ${REDIS_PORT:-6379} flushdb >/dev/null
total=$(java -cp "$RUN_DIR/kafka-libs-4.1.1/*" org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --topic haulstream.events 2>/dev/null | awk -F: '{s+=$3} END {print s}')
echo "$label: $total events in haulstream.events"
start=$SECONDS
read -r _ u n s i w q sq _ < /proc/stat; busy0=$((u+n+s+q+sq)); idle0=$((i+w))
start_app query-side "$jar" "$QUERY_SIDE_PORT"
out=/tmp/replay/$label.tsv
: > "$out"
while true; do
  sleep 5
  done_=$($P -c "select coalesce(sum(next_offset),0) from read_model.projection_offsets where topic = 'haulstream.events'" 2>/dev/null || echo 0)
  elapsed=$((SECONDS - start))
  echo -e "$elapsed\t$done_" >> "$out"
  if [[ "$done_" -ge "$total" ]]; then
    read -r _ u n s i w q sq _ < /proc/stat; busy=$((u+n+s+q+sq-busy0)); idle=$((i+w-idle0))
    qpid=$(cat "$RUN_DIR/query-side.pid"); qcpu=$(awk '{print $14+$15}' /proc/$qpid/stat)
    echo "$label: $done_ events in $elapsed s: $(( done_ / elapsed )) events/s; machine busy $((100*busy/(busy+idle)))% of 2 cores; query-side cpu ${qcpu} ticks (incl. startup)"
    break
  fi
  if (( elapsed > ${REPLAY_CAP:-1500} )); then echo "$label: gave up at $done_ after $elapsed s"; break; fi
done
