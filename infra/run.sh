#!/usr/bin/env bash
# Runs haulstream on this machine: the servers, both applications, a demo city and its fleet simulator.
# Safe to run again: what already runs is left alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"
source "$here/lib/apps.sh"
source "$here/lib/tokens.sh"

"$here/servers.sh" start

# The query side's build bundles the board (query-side/board) with node and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing nodejs and npm with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
fi

echo "build: packaging both applications, the development issuer and the fleet simulator (tests are run by infra/test.sh)"
(cd "$REPO_ROOT" && mvn -B -q -DskipTests package)

if [[ "$HAULSTREAM_DEV_ISSUER" != "none" ]]; then
  # A small Spring Authorization Server: the demo's users and clients, its key kept in $RUN_DIR.
  APP_JAVA_OPTS="-Xmx128m -XX:+UseSerialGC" \
    start_app dev-issuer "$REPO_ROOT/infra/dev-issuer/target/haulstream-dev-issuer-${HAULSTREAM_VERSION}.jar" "$DEV_ISSUER_PORT"
  await_app dev-issuer "$DEV_ISSUER_PORT" /.well-known/openid-configuration
fi

start_app command-side "$REPO_ROOT/command-side/target/haulstream-command-side-${HAULSTREAM_VERSION}.jar" "$COMMAND_SIDE_PORT"
start_app query-side "$REPO_ROOT/query-side/target/haulstream-query-side-${HAULSTREAM_VERSION}.jar" "$QUERY_SIDE_PORT"
await_app command-side "$COMMAND_SIDE_PORT"
await_app query-side "$QUERY_SIDE_PORT"

fleet="off (HAULSTREAM_DEMO=none)"
if [[ "${HAULSTREAM_DEMO:-city}" != "none" ]]; then
  "$here/demo/load-demo.sh"
  plan="$RUN_DIR/demo-fleet.tsv"
  if [[ "$HAULSTREAM_FLEET_SIMULATOR" == "none" ]]; then
    fleet="off (HAULSTREAM_FLEET_SIMULATOR=none)"
  elif [[ ! -f "$plan" ]]; then
    fleet="off (no $plan)"
    echo "fleet-simulator: skipped: the demo city was loaded by an older version that wrote no $plan;"
    echo "  delete $RUN_DIR/demo-loaded and run infra/run.sh again to load a new demo city it can drive"
  else
    # The simulator's fleet system may touch the demo's organizations only; binding again is harmless,
    # and binds a demo city loaded before records named their fleet system too.
    # Bindings are an operator's to make.
    operator="Authorization: Bearer $(client_token "$OPERATOR_CLIENT" "$OPERATOR_SECRET")"
    for org in $(awk -F'\t' '{ print $2 }' "$plan" | sort -u); do
      curl -fsS -H "$operator" -X PUT \
        "http://127.0.0.1:${COMMAND_MANAGEMENT_PORT}/fleet/systems/$FLEET_SIMULATOR_SYSTEM/organizations/$org"
    done
    # A producer that sends a record every few seconds needs little of the applications' memory.
    APP_JAVA_OPTS="-Xmx96m -XX:+UseSerialGC" FLEET_SIMULATOR_PLAN="$plan" FLEET_TOPIC="$FLEET_TOPIC" \
      FLEET_SIMULATOR_INTERVAL_MILLIS="$FLEET_SIMULATOR_INTERVAL_MILLIS" FLEET_SIMULATOR_SYSTEM="$FLEET_SIMULATOR_SYSTEM" \
      start_app fleet-simulator "$REPO_ROOT/infra/fleet-simulator/target/haulstream-fleet-simulator-${HAULSTREAM_VERSION}.jar"
    fleet="a record every ${FLEET_SIMULATOR_INTERVAL_MILLIS} ms to $FLEET_TOPIC   (log: $RUN_DIR/logs/fleet-simulator.log)"
  fi
fi

cat <<INFO

haulstream is running. Both APIs want a bearer token from $OIDC_ISSUER_URI, for example a dispatcher's:
  token=\$(infra/token.sh spree-dispatch spree-dispatch-secret)
  curl -H "Authorization: Bearer \$token" http://127.0.0.1:${QUERY_SIDE_PORT}/api/v1/organizations/$(awk -F'\t' '$2 == "spree" { print $3 }' "$DEV_ISSUER_IDENTITIES")/bins?size=5
  (the same with curl alone: curl -u spree-dispatch:spree-dispatch-secret -d grant_type=client_credentials $OIDC_ISSUER_URI/oauth2/token)
  users, clients and their secrets: infra/config/demo-identities.tsv; roles: README, Access
  command API  http://127.0.0.1:${COMMAND_SIDE_PORT}/api/v1   (log: $RUN_DIR/logs/command-side.log)
  query API    http://127.0.0.1:${QUERY_SIDE_PORT}/api/v1   (log: $RUN_DIR/logs/query-side.log)
  metrics      http://127.0.0.1:${QUERY_SIDE_PORT}/actuator/prometheus
  monitoring   http://127.0.0.1:${QUERY_MANAGEMENT_PORT}/health/database/performance/coordination
  dead letters http://127.0.0.1:${COMMAND_MANAGEMENT_PORT}/fleet/dead-letters   (operators: infra/token.sh haulstream-operator operator-secret)
  issuer       $OIDC_ISSUER_URI   (log: $RUN_DIR/logs/dev-issuer.log)
  fleet        $fleet
Stop everything with: infra/stop.sh
INFO
