#!/usr/bin/env bash
# Starts, stops and reports the servers haulstream needs, all on 127.0.0.1 and without Docker:
# PostgreSQL 15 with PostGIS, Redis, and a single-node Kafka broker in KRaft mode run from Maven
# Central jars. Starting twice is harmless; stop only stops what this script started.
#   infra/servers.sh start | test-servers | stop | status | reset-test-dbs
# (test-servers: what infra/test.sh needs, with fresh test databases; it writes the names and ports
# it chose to $RUN_DIR/test-servers.env.)
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
}

# The Debian defaults (128MB of shared buffers, a checkpoint every 1GB of WAL) are sized for a small
# machine: replaying the full city through them, the projection's backend spent much of its time
# writing out dirty pages itself and every checkpoint multiplied the WAL with full-page images.
# pg_stat_statements (the slowest statements of the monitoring endpoint) counts only when the server
# loads it at start. Both take a restart, so the cluster is restarted once when either differs.
#
# Autovacuum must run: a cluster set up with it off (this machine's image ships a conf.d file that
# turns it off) never analyzes the read model's tables, so the plans the projection prepared while
# they were empty (sequential scans for its `= any(?)` lookups by key) stay in use as they grow to
# millions of rows. Loading the medium city with it off, the projection ran at 400 to 1,000 events/s
# until it was turned on, then at 5,400 to 7,800 (infra/benchmark/results/2026-12-05-epyc-autovacuum).
# ALTER SYSTEM overrides conf.d files.
tune_postgres() {
  if [[ "$(as_postgres -d postgres -c "show autovacuum")" != "on" ]]; then
    as_postgres -d postgres -c "alter system set autovacuum = on" >/dev/null
    echo "postgres: autovacuum was off; turned on (the read model's plans depend on fresh statistics)"
  fi
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

database_mark_of() {
  as_postgres -d postgres -c "select coalesce(shobj_description(oid, 'pg_database'), '')
    from pg_database where datname = '$1'"
}

claim_database() {
  local db="$1" mark
  mark="$(database_mark_of "$db")"
  if [[ -n "$mark" && "$mark" != "$database_mark" ]]; then
    fail "postgres: database $db on $PG_HOST:$PG_PORT is another checkout's (its comment: \"$mark\"; this one is \"$database_mark\"). Set COMMAND_DB, QUERY_DB, COMMAND_TEST_DB and QUERY_TEST_DB to names of this checkout's own, or PG_PORT to another server, or RUN_DIR to that checkout's run directory if it is meant to share it."
  fi
}

# The test databases are disposable, so where another checkout (a CI clone, a second working copy)
# holds one under its default name, this checkout's tests take a name of their own, suffixed with
# a tag of this checkout's RUN_DIR, instead of stopping: the test command then runs beside any other
# checkout's servers and never drops their databases. A name set explicitly is claimed as given.
checkout_tag() {
  printf '%s' "$RUN_DIR" | sha256sum | cut -c1-8
}

own_test_database() {
  local db="$1" default="$2" mark
  mark="$(database_mark_of "$db")"
  if [[ "$db" == "$default" && -n "$mark" && "$mark" != "$database_mark" ]]; then
    echo "${db}_$(checkout_tag)"
  else
    echo "$db"
  fi
}

choose_test_databases() {
  local command_db query_db
  command_db="$(own_test_database "$COMMAND_TEST_DB" "$DEFAULT_COMMAND_TEST_DB")"
  query_db="$(own_test_database "$QUERY_TEST_DB" "$DEFAULT_QUERY_TEST_DB")"
  if [[ "$command_db" != "$COMMAND_TEST_DB" || "$query_db" != "$QUERY_TEST_DB" ]]; then
    echo "postgres: $COMMAND_TEST_DB or $QUERY_TEST_DB is another checkout's; this checkout's tests use $command_db and $query_db"
  fi
  COMMAND_TEST_DB="$command_db"
  QUERY_TEST_DB="$query_db"
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

ensure_roles() {
  ensure_role "$HAULSTREAM_DB_USER" "$HAULSTREAM_DB_PASSWORD"
  ensure_role "$ANALYST_DB_USER" "$ANALYST_DB_PASSWORD"
}

check_login() {
  PGPASSWORD="$HAULSTREAM_DB_PASSWORD" psql -qAt -h "$PG_HOST" -p "$PG_PORT" -U "$HAULSTREAM_DB_USER" \
    -d "$1" -c "select postgis_lib_version()" >/dev/null ||
    fail "postgres: role $HAULSTREAM_DB_USER cannot log in to $1 with its password over TCP"
}

prepare_databases() {
  ensure_roles
  ensure_database "$COMMAND_DB"
  ensure_database "$QUERY_DB" analysts
  ensure_query_settings "$QUERY_DB"
  check_login "$QUERY_DB"
}

reset_test_databases() {
  pg_ready || fail "postgres is not running; run infra/servers.sh start first"
  ensure_roles
  choose_test_databases
  for db in "$COMMAND_TEST_DB" "$QUERY_TEST_DB"; do
    claim_database "$db"
    as_postgres -d postgres -c "drop database if exists $db with (force)"
  done
  ensure_database "$COMMAND_TEST_DB"
  ensure_database "$QUERY_TEST_DB" analysts
  ensure_query_settings "$QUERY_TEST_DB"
  check_login "$QUERY_TEST_DB"
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
  port_open "$KAFKA_PORT"
}

kafka_ready() {
  kafka_port_open && kafka_topics --list
}

# The cluster id that this checkout's broker was formatted with, or nothing before the first start.
own_cluster_id() {
  sed -n 's/^cluster.id=//p' "$kafka_dir/data/meta.properties" 2>/dev/null || true
}

# The cluster id of the broker answering on the port, or nothing when what answers is no broker.
cluster_id_on_port() {
  kafka_java org.apache.kafka.tools.ClusterTool cluster-id --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" 2>/dev/null |
    sed -n 's/^Cluster ID: //p'
}

# Takes the broker on the port for this checkout's only when it answers with the cluster id of
# this checkout's storage: another checkout's broker would carry our events into its store.
claim_kafka() {
  local theirs ours
  ours="$(own_cluster_id)"
  theirs="$(cluster_id_on_port)"
  [[ -n "$theirs" ]] || fail "kafka: something answers on $KAFKA_BOOTSTRAP_SERVERS but gives no Kafka cluster id; free the port or set KAFKA_PORT and KAFKA_CONTROLLER_PORT to free ones"
  if [[ "$theirs" != "$ours" ]]; then
    fail "kafka: the broker on $KAFKA_BOOTSTRAP_SERVERS is another checkout's (cluster id $theirs; this checkout's $kafka_dir/data/meta.properties says ${ours:-nothing, never formatted}). Set KAFKA_PORT and KAFKA_CONTROLLER_PORT to free ports for a broker of this checkout's own, or RUN_DIR to that checkout's run directory if it is meant to share it."
  fi
}

use_kafka_ports() {
  KAFKA_PORT="$1"
  KAFKA_CONTROLLER_PORT="$2"
  KAFKA_BOOTSTRAP_SERVERS="$KAFKA_HOST:$KAFKA_PORT"
}

port_open() {
  (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null
}

# As with the test databases: where another checkout's broker answers on the default port, the
# tests run a broker of this checkout's own, on the first pair of ports from a start derived from
# RUN_DIR that is free or already this checkout's broker. Ports set explicitly are claimed as given.
choose_test_kafka() {
  [[ "$KAFKA_PORT" == "$DEFAULT_KAFKA_PORT" ]] && kafka_port_open || return 0
  [[ "$(cluster_id_on_port)" != "$(own_cluster_id)" ]] || return 0
  local taken="$KAFKA_BOOTSTRAP_SERVERS" port=$((19092 + 2 * (16#$(checkout_tag) % 400))) tries
  for ((tries = 0; tries < 20; tries++, port += 2)); do
    use_kafka_ports "$port" "$((port + 1))"
    if ! port_open "$port" && ! port_open "$((port + 1))"; then
      break
    fi
    if port_open "$port" && [[ "$(cluster_id_on_port)" == "$(own_cluster_id)" ]]; then
      break
    fi
  done
  echo "kafka: the broker on $taken is another checkout's; this checkout's tests use their own on $KAFKA_BOOTSTRAP_SERVERS"
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

# What the tests were given, for infra/test.sh to export to Maven and the applications it starts.
write_test_settings() {
  cat >"$RUN_DIR/test-servers.env" <<SETTINGS
COMMAND_TEST_DB=$COMMAND_TEST_DB
QUERY_TEST_DB=$QUERY_TEST_DB
KAFKA_PORT=$KAFKA_PORT
KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS
SETTINGS
}

case "${1:-}" in
  start)
    start_postgres
    prepare_databases
    start_redis
    start_kafka
    ;;
  test-servers)
    start_postgres
    reset_test_databases
    start_redis
    fetch_kafka
    write_kafka_config
    choose_test_kafka
    start_kafka
    write_test_settings
    ;;
  stop)
    stop_kafka
    stop_redis
    stop_postgres
    ;;
  status) status ;;
  reset-test-dbs) reset_test_databases ;;
  *)
    echo "usage: $0 start|test-servers|stop|status|reset-test-dbs" >&2
    exit 2
    ;;
esac
