#!/usr/bin/env bash
# Runs every test on the real servers: starts what is missing, gives the tests fresh databases,
# then runs the whole Maven build (formatting, unit, architecture, integration and end-to-end tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"

"$here/servers.sh" start
"$here/servers.sh" reset-test-dbs

cd "$REPO_ROOT"
exec mvn -B verify "$@"
