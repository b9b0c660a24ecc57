#!/usr/bin/env bash
# Loads a small demo city through the command API: three haulers, each with a customer at each
# of five street corners of central Berlin, bins clustered around them and a Monday route
# through the corners with its first bins as stops, set active so that a truck can start it. It goes
# through the real path (commands, events, Kafka, projectors), so what the query API shows afterwards
# was projected, not inserted. It also writes the city's ids to $RUN_DIR/demo-fleet.tsv for the fleet
# simulator that infra/run.sh starts: a line route<TAB>organization<TAB>route<TAB>stop,stop,... per route
# (stops in order) and a line bin<TAB>organization<TAB>bin per bin.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../config/haulstream.env"
source "$here/../lib/tokens.sh"

api="http://127.0.0.1:${COMMAND_SIDE_PORT}/api/v1"
bins_per_org="${DEMO_BINS_PER_ORGANIZATION:-40}"
marker="$RUN_DIR/demo-loaded"
plan="$RUN_DIR/demo-fleet.tsv"

if [[ -f "$marker" ]]; then
  echo "demo: already loaded ($(cat "$marker")); delete $marker to load another"
  exit 0
fi

# The demo loader's client registers the organizations and fills them (platform and organization
# administrator of the demo city, as demo-identities.tsv says).
bearer="Authorization: Bearer $(client_token "$DEMO_LOADER_CLIENT" "$DEMO_LOADER_SECRET")"

post() {
  curl -fsS -X POST -H "$bearer" -H 'Content-Type: application/json' -d "$2" "$api$1"
}

put() {
  curl -fsS -X PUT -H "$bearer" -H 'Content-Type: application/json' -d "$2" "$api$1" >/dev/null
}

json_field() {
  sed -E "s/.*\"$1\":\"([^\"]*)\".*/\1/"
}

# Street corners the bins cluster around (latitude longitude).
corners=("52.5200 13.4050" "52.5075 13.3904" "52.5163 13.3777" "52.5306 13.3847" "52.4996 13.4180")
streams=(GENERAL RECYCLING ORGANIC GLASS)
containers=(CART CART CART FRONT_LOAD REAR_LOAD)

# Written aside and moved into place at the end, so the simulator never reads half a plan.
mkdir -p "$RUN_DIR"
plan_draft="$(mktemp "$plan.XXXXXX")"
trap 'rm -f "$plan_draft"' EXIT

last_token=""
last_bin=""
last_org=""
total=0
# The organizations under the fixed ids that the issuer's users and clients act for.
while IFS=$'\t' read -r org hauler; do
  put "/organizations/$org" "{\"name\":\"$hauler\"}"
  customers=()
  path=""
  for c in "${!corners[@]}"; do
    corner=(${corners[$c]})
    customers+=("$(post "/organizations/$org/customers" \
      "{\"name\":\"$hauler customer $((c + 1))\",\"serviceAddress\":\"Corner $((c + 1)), Berlin\",\"location\":{\"latitude\":${corner[0]},\"longitude\":${corner[1]}}}" |
      json_field id)")
    path+="${path:+,}{\"latitude\":${corner[0]},\"longitude\":${corner[1]}}"
  done
  route="$(post "/organizations/$org/routes" \
    "{\"name\":\"$hauler Monday\",\"type\":\"RESIDENTIAL\",\"serviceDay\":\"MONDAY\",\"territory\":\"MITTE\",\"path\":[$path]}" |
    json_field id)"
  stops=()
  bins=()
  for i in $(seq 1 "$bins_per_org"); do
    pick=$((RANDOM % ${#corners[@]}))
    corner=(${corners[$pick]})
    # Up to ~150 m from the corner, the way bins line a street.
    lat="$(awk -v b="${corner[0]}" -v r="$RANDOM" 'BEGIN { printf "%.6f", b + (r / 32767 - 0.5) * 0.0027 }')"
    lon="$(awk -v b="${corner[1]}" -v r="$RANDOM" 'BEGIN { printf "%.6f", b + (r / 32767 - 0.5) * 0.0044 }')"
    body="{\"customerId\":\"${customers[$pick]}\",\"tag\":\"${hauler:0:2}-$(printf %04d "$i")\",\"containerType\":\"${containers[$((RANDOM % ${#containers[@]}))]}\","
    body+="\"wasteStream\":\"${streams[$((RANDOM % ${#streams[@]}))]}\",\"capacityLitres\":240,"
    body+="\"location\":{\"latitude\":$lat,\"longitude\":$lon}}"
    reply="$(post "/organizations/$org/bins" "$body")"
    last_bin="$(json_field id <<<"$reply")"
    bins+=("$last_bin")
    if ((i <= 10)); then
      put "/organizations/$org/routes/$route/stops/$last_bin" '{}'
      stops+=("$last_bin")
    fi
    last_token="$(json_field consistencyToken <<<"$reply")"
    last_org="$org"
    total=$((total + 1))
    printf '\rdemo: %d/%d bins placed' "$total" "$((bins_per_org * 3))"
  done
  # A route is created planned; only an active (or completed) route can be started by a truck.
  put "/organizations/$org/routes/$route/status" '{"status":"ACTIVE"}'
  printf 'route\t%s\t%s\t%s\n' "$org" "$route" "$(IFS=,; echo "${stops[*]}")" >>"$plan_draft"
  for bin in "${bins[@]}"; do
    printf 'bin\t%s\t%s\n' "$org" "$bin"
  done >>"$plan_draft"
done < <(awk -F'\t' '$1 == "organization" { print $3 "\t" $4 }' "$DEV_ISSUER_IDENTITIES")
echo

# Read the last bin back with its token: proves the whole path answered before saying done.
curl -fsS -H "$bearer" "http://127.0.0.1:${QUERY_SIDE_PORT}/api/v1/organizations/$last_org/bins/$last_bin?minPosition=$last_token" >/dev/null
mv "$plan_draft" "$plan"
echo "3 organizations, 15 customers, 3 routes, $total bins on $(date -u +%FT%TZ)" >"$marker"
echo "demo: loaded 3 organizations, 15 customers, 3 active routes and $total bins (fleet plan: $plan); try"
echo "  curl -H \"Authorization: Bearer \$(infra/token.sh spree-dispatch spree-dispatch-secret)\" \\"
echo "    'http://127.0.0.1:${QUERY_SIDE_PORT}/api/v1/organizations/$(awk -F'\t' '$2 == "spree" { print $3 }' "$DEV_ISSUER_IDENTITIES")/bins?size=5'"
