#!/usr/bin/env bash
# Runs the benchmark: the seed's way and haulstream's on the same generated city, in one run, and
# writes the report (Markdown, JSON, PNG charts) to infra/.run/benchmark/<size>/.
# Usage: infra/benchmark.sh [smoke|medium|full]   (smoke: 10k bins, a few minutes; full: 1M bins)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/config/haulstream.env"

size="${1:-smoke}"
case "$size" in
  smoke | medium | full) ;;
  *)
    echo "usage: infra/benchmark.sh [smoke|medium|full]" >&2
    exit 2
    ;;
esac

source "$here/lib/apps.sh"
# A fleet simulator left running by infra/run.sh would add its records to what is measured.
stop_app fleet-simulator
if [[ "${BENCHMARK_JFR:-off}" == "on" ]]; then
  # Both applications start again with a flight recording (the profile settings, about 2% of their
  # time); the benchmark dumps it into its report folder at the end and summarizes each one's top
  # frames in jfr-<application>.md.
  stop_app query-side
  stop_app command-side
  export APP_JAVA_OPTS="${APP_JAVA_OPTS:--Xms256m -Xmx768m} -XX:StartFlightRecording=name=benchmark,settings=profile,maxsize=1g"
fi
# The write phase sends thousands of commands a second as one client: a limit it never reaches, so
# that its cost (a Redis round trip per lease of 50 permits) is measured with everything else (the
# applications already running keep theirs; stop them first to measure).
export COMMAND_RATE_LIMIT="${COMMAND_RATE_LIMIT:-100000}"
# The servers, a fresh build and both applications; the benchmark brings its own city, not the demo.
HAULSTREAM_DEMO=none "$here/run.sh"

export RUN_DIR BENCHMARK_JFR="${BENCHMARK_JFR:-off}"
exec java ${BENCHMARK_JAVA_OPTS:--Xms1g -Xmx6g} -jar \
  "$REPO_ROOT/infra/benchmark/target/haulstream-benchmark-${HAULSTREAM_VERSION}.jar" "$size"
