# Starting and stopping the two applications and the fleet simulator; sourced after config/haulstream.env.

app_pid_file() { echo "$RUN_DIR/$1.pid"; }

app_running() {
  local pid_file
  pid_file="$(app_pid_file "$1")"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# start_app name jar [port]: without a port the process serves nothing, like the fleet simulator.
# The process runs a copy of the jar in $RUN_DIR/jars: a Spring Boot jar loads its classes from the
# file as it first needs them, so a build that replaced the jar under a running application (infra/run.sh
# and infra/benchmark.sh build before they start anything) left it failing on its next new class
# (NoClassDefFoundError on the next error log line, and every request after it unanswered).
start_app() {
  local name="$1" jar="$2" port="${3:-}" copy
  mkdir -p "$RUN_DIR/logs" "$RUN_DIR/jars"
  copy="$RUN_DIR/jars/$(basename "$jar")"
  if app_running "$name"; then
    local running="$name: already running (pid $(cat "$(app_pid_file "$name")"))"
    if [[ -f "$jar" ]] && ! cmp -s "$jar" "$copy"; then
      running+=" from a jar older than the one just built; stop it (infra/stop.sh) to run the new one"
    fi
    echo "$running"
    return
  fi
  if [[ ! -f "$jar" ]]; then
    echo "$name: no jar at $jar; the build did not produce it" >&2
    exit 1
  fi
  cp "$jar" "$copy"
  nohup java ${APP_JAVA_OPTS:--Xms256m -Xmx768m} -jar "$copy" >"$RUN_DIR/logs/$name.log" 2>&1 &
  echo $! >"$(app_pid_file "$name")"
  if [[ -n "$port" ]]; then
    echo "$name: starting on 127.0.0.1:$port (pid $!)"
  else
    echo "$name: started (pid $!, log: $RUN_DIR/logs/$name.log)"
  fi
}

# await_app name port [path]: the path answers 200 once the process serves (readiness by default).
await_app() {
  local name="$1" port="$2" path="${3:-/actuator/health/readiness}" deadline=$((SECONDS + APP_START_TIMEOUT_SECONDS))
  until curl -fs "http://127.0.0.1:$port$path" >/dev/null 2>&1; do
    if ! app_running "$name"; then
      echo "$name: exited during start-up; last lines of $RUN_DIR/logs/$name.log:" >&2
      tail -n 40 "$RUN_DIR/logs/$name.log" >&2 || true
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$name: not ready after ${APP_START_TIMEOUT_SECONDS}s; see $RUN_DIR/logs/$name.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "$name: ready on http://127.0.0.1:$port"
}

stop_app() {
  local name="$1" pid_file pid
  pid_file="$(app_pid_file "$name")"
  if ! app_running "$name"; then
    echo "$name: not running"
    rm -f "$pid_file"
    return
  fi
  pid="$(cat "$pid_file")"
  kill "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pid_file"
  echo "$name: stopped"
}
