#!/usr/bin/env bash
# Stops the fleet simulator and both applications, then the servers that infra/servers.sh started.
# Data is kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"
source "$here/lib/apps.sh"

stop_app fleet-simulator
stop_app query-side
stop_app command-side
"$here/servers.sh" stop
