#!/usr/bin/env bash
# Runs haulstream on this machine: the servers, both applications and a demo city.
# Safe to run again: what already runs is left alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"
source "$here/lib/apps.sh"

"$here/servers.sh" start

echo "build: packaging both applications (tests are run by infra/test.sh)"
(cd "$REPO_ROOT" && mvn -B -q -DskipTests package)

start_app command-side "$REPO_ROOT/command-side/target/haulstream-command-side-${HAULSTREAM_VERSION}.jar" "$COMMAND_SIDE_PORT"
start_app query-side "$REPO_ROOT/query-side/target/haulstream-query-side-${HAULSTREAM_VERSION}.jar" "$QUERY_SIDE_PORT"
await_app command-side "$COMMAND_SIDE_PORT"
await_app query-side "$QUERY_SIDE_PORT"

if [[ "${HAULSTREAM_DEMO:-city}" != "none" ]]; then
  "$here/demo/load-demo.sh"
fi

cat <<INFO

haulstream is running.
  command API  http://127.0.0.1:${COMMAND_SIDE_PORT}/api/v1   (log: $RUN_DIR/logs/command-side.log)
  query API    http://127.0.0.1:${QUERY_SIDE_PORT}/api/v1   (log: $RUN_DIR/logs/query-side.log)
  metrics      http://127.0.0.1:${QUERY_SIDE_PORT}/actuator/prometheus
Stop everything with: infra/stop.sh
INFO
