#!/usr/bin/env bash
# Stops the fleet simulator, both applications and the development issuer, then the servers that infra/servers.sh started.
# Data is kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"
source "$here/lib/apps.sh"

stop_app fleet-simulator
stop_app query-side
stop_app command-side
stop_app dev-issuer
"$here/servers.sh" stop
