#!/usr/bin/env bash
# replay.sh label jar: ../../2026-12-04-epyc-replay-route-detail/replay.sh (rebuild the read model from
# offset 0 with the given query-side jar), then the machine's load over the rebuild: the share of both
# cores busy (/proc/stat) and the query side's processor time, start-up included. The runs of this
# folder and of ../../2026-12-05-epyc-route-hot used an inline copy of the earlier script with these
# two figures added (commit 6a57489); this wrapper measures the same without copying it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
read -r _ u n s i w q sq _ < /proc/stat
busy0=$((u + n + s + q + sq)) idle0=$((i + w))
"$here/../../2026-12-04-epyc-replay-route-detail/replay.sh" "$@"
read -r _ u n s i w q sq _ < /proc/stat
busy=$((u + n + s + q + sq - busy0)) idle=$((i + w - idle0))
qcpu=$(awk '{print $14 + $15}' "/proc/$(cat /work/main/infra/.run/query-side.pid)/stat")
echo "$1: machine busy $((100 * busy / (busy + idle)))% of 2 cores; query-side cpu ${qcpu} ticks (incl. startup)"
