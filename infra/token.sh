#!/usr/bin/env bash
# Prints an access token of a machine client (client_credentials) from the configured issuer: the
# development issuer that infra/run.sh starts, or any OIDC issuer named by OIDC_ISSUER_URI.
#   infra/token.sh spree-dispatch spree-dispatch-secret
# The demo's clients and secrets are in infra/config/demo-identities.tsv.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"
source "$here/lib/tokens.sh"

if (($# != 2)); then
  echo "usage: $0 <client id> <client secret>" >&2
  exit 2
fi
client_token "$1" "$2"
echo
