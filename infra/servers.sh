#!/usr/bin/env bash
# Starts, stops and reports the servers haulstream needs, all on 127.0.0.1 and without Docker:
# PostgreSQL 15 with PostGIS, Redis, and a single-node Kafka broker in KRaft mode run from Maven
# Central jars. Starting twice is harmless; stop only stops what this script started.
#   infra/servers.sh start | stop | status | reset-test-dbs
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"

started_file="$RUN_DIR/started"
mkdir -p "$RUN_DIR/logs"

fail() {
  echo "error: $*" >&2
  exit 1
}

remember_started() {
  grep -qx "$1" "$started_file" 2>/dev/null || echo "$1" >>"$started_file"
}

we_started() {
  grep -qx "$1" "$started_file" 2>/dev/null
}

forget_started() {
  [[ -f "$started_file" ]] && sed -i "/^$1\$/d" "$started_file" || true
}

wait_until() {
  local what="$1" deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

apt_install() {
  echo "installing $* with apt-get"
  if [[ ! -f "$RUN_DIR/apt-updated" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || fail "apt-get update failed"
    touch "$RUN_DIR/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$RUN_DIR/logs/apt.log" 2>&1 ||
    fail "apt-get install $* failed; see $RUN_DIR/logs/apt.log"
}

# --- PostgreSQL + PostGIS ---------------------------------------------------------------

as_postgres() {
  runuser -u postgres -- env PGOPTIONS="-c client_min_messages=warning" psql -v ON_ERROR_STOP=1 -qAt -h "$PG_HOST" -p "$PG_PORT" "$@"
}

pg_ready() {
  pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
}

ensure_postgres_packages() {
  local missing=()
  dpkg -s "postgresql-$PG_VERSION" >/dev/null 2>&1 || missing+=("postgresql-$PG_VERSION")
  dpkg -s "postgresql-$PG_VERSION-postgis-3" >/dev/null 2>&1 || missing+=("postgresql-$PG_VERSION-postgis-3")
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

start_postgres() {
  ensure_postgres_packages
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" >/dev/null
  fi
  if pg_ready; then
    echo "postgres: up on $PG_HOST:$PG_PORT (already running)"
  else
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start ||
      fail "postgres: cluster $PG_VERSION/$PG_CLUSTER did not start; see /var/log/postgresql/"
    wait_until postgres pg_ready || fail "postgres: not accepting connections on $PG_HOST:$PG_PORT after ${START_TIMEOUT_SECONDS}s"
    remember_started postgres
    echo "postgres: up on $PG_HOST:$PG_PORT (started)"
  fi
  tune_postgres
  prepare_databases
}

# The Debian defaults (128MB of shared buffers, a checkpoint every 1GB of WAL) are sized for a small
# machine: replaying the full city through them, the projection's backend spent much of its time
# writing out dirty pages itself and every checkpoint multiplied the WAL with full-page images.
# pg_stat_statements (the slowest statements of the monitoring endpoint) counts only when the server
# loads it at start. Both take a restart, so the cluster is restarted once when either differs.
tune_postgres() {
  as_postgres -d postgres -c "alter system set max_wal_size = '$PG_MAX_WAL_SIZE'" \
    -c "alter system set checkpoint_timeout = '15min'" -c "select pg_reload_conf()" >/dev/null
  local changed=() preload
  if [[ "$(as_postgres -d postgres -c "show shared_buffers")" != "$PG_SHARED_BUFFERS" ]]; then
    as_postgres -d postgres -c "alter system set shared_buffers = '$PG_SHARED_BUFFERS'"
    changed+=("shared_buffers = $PG_SHARED_BUFFERS")
  fi
  preload="$(as_postgres -d postgres -c "show shared_preload_libraries" | tr -d ' ')"
  if [[ ",$preload," != *,pg_stat_statements,* ]]; then
    preload="${preload:+$preload,}pg_stat_statements"
    # One literal per library: a single 'a,b' would be read as one library named "a,b".
    as_postgres -d postgres -c "alter system set shared_preload_libraries = '${preload//,/\', \'}'"
    changed+=("shared_preload_libraries = $preload")
  fi
  if ((${#changed[@]})); then
    echo "postgres: restarting once to take ${changed[*]}"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" restart ||
      fail "postgres: cluster $PG_VERSION/$PG_CLUSTER did not restart; see /var/log/postgresql/"
    wait_until postgres pg_ready || fail "postgres: not accepting connections on $PG_HOST:$PG_PORT after ${START_TIMEOUT_SECONDS}s"
  fi
}

ensure_role() {
  local role="$1" password="$2"
  if [[ "$(as_postgres -d postgres -c "select 1 from pg_roles where rolname = '$role'")" != 1 ]]; then
    as_postgres -d postgres -c "create role $role login password '$password'"
  fi
}

# A database carries, as its comment, the RUN_DIR of the checkout that created it, so a second
# checkout (or a CI clone) on the same server never projects into another's store or drops its
# test databases: it stops and says which variables give it databases of its own. A database from
# before these marks is taken as this checkout's and marked.
database_mark="haulstream: RUN_DIR=$RUN_DIR"

claim_database() {
  local db="$1" mark
  mark="$(as_postgres -d postgres -c "select coalesce(shobj_description(oid, 'pg_database'), '')
    from pg_database where datname = '$db'")"
  if [[ -n "$mark" && "$mark" != "$database_mark" ]]; then
    fail "postgres: database $db on $PG_HOST:$PG_PORT is another checkout's (its comment: \"$mark\"; this one is \"$database_mark\"). Set COMMAND_DB, QUERY_DB, COMMAND_TEST_DB and QUERY_TEST_DB to names of this checkout's own, or PG_PORT to another server, or RUN_DIR to that checkout's run directory if it is meant to share it."
  fi
}

mark_database() {
  as_postgres -d postgres -c "comment on database $1 is '${database_mark//\'/\'\'}'"
}

# ensure_database db readers: readers "analysts" lets the analysts' role connect (the read models);
# anything else keeps every role but the applications' out (the event stores).
ensure_database() {
  local db="$1" readers="${2:-}"
  claim_database "$db"
  if [[ "$(as_postgres -d postgres -c "select 1 from pg_database where datname = '$db'")" != 1 ]]; then
    as_postgres -d postgres -c "create database $db owner $HAULSTREAM_DB_USER"
  fi
  mark_database "$db"
  # Extensions need a superuser; the applications' role then only creates schemas and tables.
  as_postgres -d "$db" -c "create extension if not exists postgis" -c "create extension if not exists btree_gist" \
    -c "create extension if not exists pg_stat_statements"
  # PostgreSQL lets every role connect to a new database; only the read models are for analysts.
  as_postgres -d postgres -c "revoke connect, temporary on database $db from public"
  if [[ "$readers" == analysts ]]; then
    as_postgres -d postgres -c "grant connect on database $db to $ANALYST_DB_USER"
  else
    as_postgres -d postgres -c "revoke connect on database $db from $ANALYST_DB_USER"
  fi
}

ensure_query_settings() {
  # Measured on 2 cores: a geography radius query over 1M points took 3.9 ms with these and
  # 45-83 ms with the defaults (JIT compilation and parallel workers cost more than they save).
  as_postgres -d postgres -c "alter database $1 set jit = off" \
    -c "alter database $1 set max_parallel_workers_per_gather = 0"
}

prepare_databases() {
  ensure_role "$HAULSTREAM_DB_USER" "$HAULSTREAM_DB_PASSWORD"
  ensure_role "$ANALYST_DB_USER" "$ANALYST_DB_PASSWORD"
  ensure_database "$COMMAND_DB"
  ensure_database "$COMMAND_TEST_DB"
  ensure_database "$QUERY_DB" analysts
  ensure_database "$QUERY_TEST_DB" analysts
  ensure_query_settings "$QUERY_DB"
  ensure_query_settings "$QUERY_TEST_DB"
  PGPASSWORD="$HAULSTREAM_DB_PASSWORD" psql -qAt -h "$PG_HOST" -p "$PG_PORT" -U "$HAULSTREAM_DB_USER" \
    -d "$QUERY_DB" -c "select postgis_lib_version()" >/dev/null ||
    fail "postgres: role $HAULSTREAM_DB_USER cannot log in to $QUERY_DB with its password over TCP"
}

reset_test_databases() {
  pg_ready || fail "postgres is not running; run infra/servers.sh start first"
  for db in "$COMMAND_TEST_DB" "$QUERY_TEST_DB"; do
    claim_database "$db"
    as_postgres -d postgres -c "drop database if exists $db with (force)"
  done
  ensure_database "$COMMAND_TEST_DB"
  ensure_database "$QUERY_TEST_DB" analysts
  ensure_query_settings "$QUERY_TEST_DB"
  echo "postgres: test databases $COMMAND_TEST_DB and $QUERY_TEST_DB recreated"
}

stop_postgres() {
  if we_started postgres && pg_ready; then
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" stop
    echo "postgres: stopped"
  else
    echo "postgres: left alone (not started by this script)"
  fi
  forget_started postgres
}

# --- Redis ------------------------------------------------------------------------------

redis_ready() {
  [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

start_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if redis_ready; then
    echo "redis: up on $REDIS_HOST:$REDIS_PORT (already running)"
    return
  fi
  mkdir -p "$RUN_DIR/redis"
  # Redis only holds derived, versioned cache entries: nothing is lost by not persisting them.
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$RUN_DIR/redis" --logfile "$RUN_DIR/logs/redis.log" --pidfile "$RUN_DIR/redis.pid" ||
    fail "redis: redis-server did not start; see $RUN_DIR/logs/redis.log"
  wait_until redis redis_ready || fail "redis: no PONG on $REDIS_HOST:$REDIS_PORT after ${START_TIMEOUT_SECONDS}s"
  remember_started redis
  echo "redis: up on $REDIS_HOST:$REDIS_PORT (started)"
}

stop_redis() {
  if we_started redis && redis_ready; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    echo "redis: stopped"
  else
    echo "redis: left alone (not started by this script)"
  fi
  forget_started redis
}

# --- Kafka (KRaft) ----------------------------------------------------------------------

kafka_dir="$RUN_DIR/kafka"
kafka_libs="$RUN_DIR/kafka-libs-$KAFKA_VERSION"

kafka_java() {
  java -Xms128m -Xmx256m -Dlog4j2.configurationFile="$kafka_dir/log4j2.properties" -cp "$kafka_libs/*" "$@"
}

kafka_topics() {
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" "$@"
}

kafka_port_open() {
  (exec 3<>"/dev/tcp/$KAFKA_HOST/$KAFKA_PORT") 2>/dev/null
}

kafka_ready() {
  kafka_port_open && kafka_topics --list
}

# The cluster id that this checkout's broker was formatted with, or nothing before the first start.
own_cluster_id() {
  sed -n 's/^cluster.id=//p' "$kafka_dir/data/meta.properties" 2>/dev/null || true
}

# Takes the broker on the port for this checkout's only when it answers with the cluster id of
# this checkout's storage: another checkout's broker would carry our events into its store.
claim_kafka() {
  local theirs ours
  ours="$(own_cluster_id)"
  theirs="$(kafka_java org.apache.kafka.tools.ClusterTool cluster-id --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" 2>/dev/null |
    sed -n 's/^Cluster ID: //p')"
  [[ -n "$theirs" ]] || fail "kafka: something answers on $KAFKA_BOOTSTRAP_SERVERS but gives no Kafka cluster id; free the port or set KAFKA_PORT and KAFKA_CONTROLLER_PORT to free ones"
  if [[ "$theirs" != "$ours" ]]; then
    fail "kafka: the broker on $KAFKA_BOOTSTRAP_SERVERS is another checkout's (cluster id $theirs; this checkout's $kafka_dir/data/meta.properties says ${ours:-nothing, never formatted}). Set KAFKA_PORT and KAFKA_CONTROLLER_PORT to free ports for a broker of this checkout's own, or RUN_DIR to that checkout's run directory if it is meant to share it."
  fi
}

fetch_kafka() {
  [[ -d "$kafka_libs" ]] && return
  echo "kafka: fetching broker $KAFKA_VERSION jars from Maven Central (first start only)"
  mvn -B -q -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$kafka_libs.partial" >"$RUN_DIR/logs/kafka-fetch.log" 2>&1 ||
    fail "kafka: could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION"
  mv "$kafka_libs.partial" "$kafka_libs"
}

write_kafka_config() {
  mkdir -p "$kafka_dir/data"
  cat >"$kafka_dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$kafka_dir/data
# Topics are created on purpose, with their partition counts, never by a typo in a client.
auto.create.topics.enable=false
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
  cat >"$kafka_dir/log4j2.properties" <<PROPERTIES
appender.file.type=File
appender.file.name=file
appender.file.fileName=$RUN_DIR/logs/kafka.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
logger.tools.name=org.apache.kafka.tools
logger.tools.level=WARN
PROPERTIES
}

start_kafka() {
  fetch_kafka
  write_kafka_config
  if kafka_port_open; then
    claim_kafka
    echo "kafka: up on $KAFKA_BOOTSTRAP_SERVERS (already running)"
  else
    if [[ ! -f "$kafka_dir/data/meta.properties" ]]; then
      kafka_java kafka.tools.StorageTool format --config "$kafka_dir/server.properties" \
        --cluster-id "$(kafka_java kafka.tools.StorageTool random-uuid)" --ignore-formatted >/dev/null ||
        fail "kafka: could not format the KRaft storage in $kafka_dir/data"
    fi
    nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$kafka_dir/log4j2.properties" \
      -cp "$kafka_libs/*" kafka.Kafka "$kafka_dir/server.properties" >"$RUN_DIR/logs/kafka.out" 2>&1 &
    echo $! >"$RUN_DIR/kafka.pid"
    remember_started kafka
    if ! wait_until kafka kafka_ready; then
      echo "kafka: not answering on $KAFKA_BOOTSTRAP_SERVERS after ${START_TIMEOUT_SECONDS}s; last log lines:" >&2
      tail -n 30 "$RUN_DIR/logs/kafka.log" "$RUN_DIR/logs/kafka.out" >&2 2>/dev/null || true
      exit 1
    fi
    echo "kafka: up on $KAFKA_BOOTSTRAP_SERVERS (started)"
  fi
  create_topic "$EVENTS_TOPIC" "$EVENTS_PARTITIONS"
  create_topic "$FLEET_TOPIC" "$FLEET_PARTITIONS"
  create_topic "$FLEET_DLT_TOPIC" "$FLEET_DLT_PARTITIONS"
}

create_topic() {
  kafka_topics --create --if-not-exists --topic "$1" --partitions "$2" --replication-factor 1 >/dev/null ||
    fail "kafka: could not create topic $1"
  echo "kafka: topic $1 ($2 partitions)"
}

stop_kafka() {
  local pid
  if [[ -f "$RUN_DIR/kafka.pid" ]] && kill -0 "$(cat "$RUN_DIR/kafka.pid")" 2>/dev/null; then
    pid="$(cat "$RUN_DIR/kafka.pid")"
    kill "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "kafka: stopped"
  else
    echo "kafka: not running"
  fi
  rm -f "$RUN_DIR/kafka.pid"
  forget_started kafka
}

status() {
  pg_ready && echo "postgres: up on $PG_HOST:$PG_PORT" || echo "postgres: down"
  redis_ready && echo "redis: up on $REDIS_HOST:$REDIS_PORT" || echo "redis: down"
  if ! kafka_port_open; then
    echo "kafka: down"
  elif [[ -d "$kafka_libs" ]] && ! (claim_kafka) 2>/dev/null; then
    echo "kafka: up on $KAFKA_BOOTSTRAP_SERVERS, but not this checkout's broker (its cluster id differs from $kafka_dir/data/meta.properties)"
  else
    echo "kafka: up on $KAFKA_BOOTSTRAP_SERVERS"
  fi
}

case "${1:-}" in
  start)
    start_postgres
    start_redis
    start_kafka
    ;;
  stop)
    stop_kafka
    stop_redis
    stop_postgres
    ;;
  status) status ;;
  reset-test-dbs) reset_test_databases ;;
  *)
    echo "usage: $0 start|stop|status|reset-test-dbs" >&2
    exit 2
    ;;
esac
