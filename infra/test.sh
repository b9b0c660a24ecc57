#!/usr/bin/env bash
# Runs every test on the real servers: starts what is missing, gives the tests fresh databases,
# then runs the whole Maven build (formatting, unit, architecture, integration and end-to-end tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"

"$here/servers.sh" test-servers
# The test databases' names and the broker's ports are this checkout's own: the defaults, or where
# another checkout on this machine holds those, names and ports servers.sh derived from RUN_DIR.
source "$RUN_DIR/test-servers.env"
export COMMAND_TEST_DB QUERY_TEST_DB KAFKA_BOOTSTRAP_SERVERS

# The alert rules are checked and unit-tested with promtool (infra/e2e-tests, AlertRulesTest), from
# Debian's prometheus package. Only the tool is wanted: on a machine with systemd the package
# starts a Prometheus server on 9090, which is stopped and disabled again.
if ! command -v promtool >/dev/null 2>&1; then
  echo "installing promtool with apt-get (package prometheus)"
  mkdir -p "$RUN_DIR/logs"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; }; } \
    >"$RUN_DIR/logs/apt-prometheus.log" 2>&1 ||
    { echo "error: apt-get install prometheus failed; see $RUN_DIR/logs/apt-prometheus.log" >&2; exit 1; }
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
fi

# The board is bundled with node and npm (query-side/board) and its browser test (infra/e2e-tests,
# BoardIT) drives Debian's chromium, headless, with playwright-core. ComposeFileTest has Debian's
# docker-compose validate docker-compose.yml (`config` needs no Docker engine).
test_packages=()
command -v node >/dev/null 2>&1 || test_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || test_packages+=(npm)
command -v chromium >/dev/null 2>&1 || test_packages+=(chromium)
command -v docker-compose >/dev/null 2>&1 || test_packages+=(docker-compose)
if ((${#test_packages[@]} > 0)); then
  echo "installing ${test_packages[*]} with apt-get"
  mkdir -p "$RUN_DIR/logs"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${test_packages[@]}" ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${test_packages[@]}"; }; } \
    >"$RUN_DIR/logs/apt-board.log" 2>&1 ||
    { echo "error: apt-get install ${test_packages[*]} failed; see $RUN_DIR/logs/apt-board.log" >&2; exit 1; }
fi

cd "$REPO_ROOT"
mvn -B verify "$@"

# The fault suite's short form: one fault of each kind against two of each application, on servers
# of its own (infra/faults.sh; the full form is its own command). The build above fetched every
# plugin it needs, and no other build holds the Maven lock inside this one.
if [[ "${HAULSTREAM_TEST_FAULTS:-short}" != off ]]; then
  FAULTS_MAVEN_ARGS="${FAULTS_MAVEN_ARGS:--o}" HAULSTREAM_MAVEN_LOCK=none "$here/faults.sh" --short
fi
