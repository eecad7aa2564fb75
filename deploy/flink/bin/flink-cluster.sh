#!/usr/bin/env bash
# A bare-metal Flink session cluster from the Maven-built runtime (deploy/flink/target/lib), no
# flink-dist needed: one JobManager and N TaskManagers as separate JVMs on this host, plus the
# Flink client to submit, stop with a savepoint and resume jobs. See deploy/README.md.
#
#   flink-cluster.sh start [N]              JobManager + N TaskManagers (default 2); waits until all registered
#   flink-cluster.sh start-jobmanager
#   flink-cluster.sh start-taskmanager ID   one more TaskManager (ID names its pid and log files)
#   flink-cluster.sh wait-ready N           waits until N TaskManagers are registered
#   flink-cluster.sh flink ARGS...          the Flink client (bin/flink): run, list, stop --savepointPath, cancel, ...
#   flink-cluster.sh stop                   stops the TaskManagers, then the JobManager
#   flink-cluster.sh status                 which processes of this cluster run
#
# Environment: FLINK_CONF_DIR (config.yaml, log4j.properties; default deploy/flink/conf),
# FLINK_LIB_DIR (default deploy/flink/target/lib), FLINK_RUN_DIR (pid files, log/ and the effective
# conf/; default deploy/flink/target/run), FLINK_JVM_OPTIONS (file of JVM options for Java 17; default
# etc/flink-jvm.options), JAVA_HOME. config.yaml's ${NAME} and ${NAME:-default} are taken from the
# environment: the shipped one uses FLINK_REST_PORT (8081), FLINK_RPC_PORT (6123) and FLINK_STATE_DIR
# (checkpoints/ and savepoints/; default FLINK_RUN_DIR/state; on several hosts, storage all reach).
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FLINK_CONF_DIR="${FLINK_CONF_DIR:-$home/conf}"
lib="${FLINK_LIB_DIR:-$home/target/lib}"
run="${FLINK_RUN_DIR:-$home/target/run}"
jvm_options="${FLINK_JVM_OPTIONS:-$home/../../etc/flink-jvm.options}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
ready_timeout_s="${FLINK_READY_TIMEOUT_S:-120}"

fail() {
  echo "flink-cluster: $*" >&2
  exit 1
}

[[ -d "$lib" ]] || fail "no Flink runtime in $lib: build it with 'mvn -B -DskipTests package -pl deploy/flink -am'"
[[ -f "$FLINK_CONF_DIR/config.yaml" ]] || fail "no config.yaml in $FLINK_CONF_DIR"
mkdir -p "$run/log"
export FLINK_STATE_DIR="${FLINK_STATE_DIR:-$run/state}"

# Prints config.yaml with ${NAME} and ${NAME:-default} replaced from the environment (comments as they are).
render_config() {
  local line name value
  while IFS= read -r line || [[ -n "$line" ]]; do
    while [[ "$line" != \#* && "$line" =~ \$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\} ]]; do
      name="${BASH_REMATCH[1]}"
      value="${!name:-${BASH_REMATCH[3]}}"
      [[ -n "$value" ]] || fail "config.yaml uses \${$name}, which is not set"
      line="${line/"${BASH_REMATCH[0]}"/$value}"
    done
    printf '%s\n' "$line"
  done <"$1"
}

# Every process (and BashJavaUtils, and the client) reads the effective copy in $run/conf.
effective="$(mkdir -p "$run/conf" && cd "$run/conf" && pwd)"
if [[ "$(cd "$FLINK_CONF_DIR" && pwd)" != "$effective" ]]; then
  render_config "$FLINK_CONF_DIR/config.yaml" >"$effective/config.yaml.tmp"
  mv "$effective/config.yaml.tmp" "$effective/config.yaml"
  cp "$FLINK_CONF_DIR/log4j.properties" "$effective/"
  export FLINK_CONF_DIR="$effective"
fi

config_value() {
  sed -n "s/^$1:[[:space:]]*//p" "$FLINK_CONF_DIR/config.yaml" | tail -n 1
}

rest_url() {
  echo "http://$(config_value rest.address):$(config_value rest.port)"
}

# BashJavaUtils derives a process's JVM memory flags (first line) and the matching -D settings
# (second line) from config.yaml, as Flink's own scripts do.
resource_params() {
  "$java" -cp "$lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$FLINK_CONF_DIR" 2>&1 \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# Starts a Flink process in the background; its pid goes to $run/NAME.pid, its log to $run/log/NAME.log.
launch() {
  local name="$1" jvm_memory="$2" main_class="$3"
  shift 3
  local pid_file="$run/$name.pid"
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    fail "$name already runs (pid $(cat "$pid_file"))"
  fi
  # shellcheck disable=SC2086 # the memory flags are several words
  nohup "$java" @"$jvm_options" $jvm_memory \
    -Dlog.file="$run/log/$name.log" \
    -Dlog4j.configurationFile="file:$FLINK_CONF_DIR/log4j.properties" \
    -cp "$lib/*" "$main_class" --configDir "$FLINK_CONF_DIR" "$@" \
    >"$run/log/$name.out" 2>&1 </dev/null &
  echo $! >"$pid_file"
  echo "flink-cluster: $name started (pid $!, log $run/log/$name.log)"
}

start_jobmanager() {
  local params
  params="$(resource_params GET_JM_RESOURCE_PARAMS)"
  [[ -n "$params" ]] || fail "cannot compute the JobManager's memory settings from $FLINK_CONF_DIR/config.yaml"
  launch jobmanager "$(sed -n 1p <<<"$params")" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --executionMode cluster
}

start_taskmanager() {
  local id="$1" params dynamic
  params="$(resource_params GET_TM_RESOURCE_PARAMS)"
  [[ -n "$params" ]] || fail "cannot compute the TaskManager's memory settings from $FLINK_CONF_DIR/config.yaml"
  dynamic="$(sed -n 2p <<<"$params")"
  # shellcheck disable=SC2086 # the -D settings are several words
  launch "taskmanager-$id" "$(sed -n 1p <<<"$params")" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner $dynamic -D "taskmanager.resource-id=taskmanager-$id"
}

registered_taskmanagers() {
  curl -fsS "$(rest_url)/taskmanagers" 2>/dev/null | grep -o '"id":"[^"]*"' | wc -l || true
}

wait_ready() {
  local wanted="$1" deadline=$((SECONDS + ready_timeout_s))
  until [[ "$(registered_taskmanagers)" -ge "$wanted" ]]; do
    ((SECONDS < deadline)) || fail "$wanted TaskManager(s) not registered at $(rest_url) within ${ready_timeout_s}s; see $run/log"
    sleep 1
  done
  echo "flink-cluster: ready, $wanted TaskManager(s) at $(rest_url)"
}

client() {
  "$java" @"$jvm_options" \
    -Dlog.file="$run/log/client.log" \
    -Dlog4j.configurationFile="file:$FLINK_CONF_DIR/log4j.properties" \
    -cp "$lib/*" org.apache.flink.client.cli.CliFrontend "$@"
}

stop_process() {
  local pid_file="$1" pid
  pid="$(cat "$pid_file")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$pid" 2>/dev/null || true
    echo "flink-cluster: stopped $(basename "$pid_file" .pid) (pid $pid)"
  fi
  rm -f "$pid_file"
}

stop_cluster() {
  local pid_file
  for pid_file in "$run"/taskmanager-*.pid "$run"/jobmanager.pid; do
    [[ -f "$pid_file" ]] && stop_process "$pid_file"
  done
  return 0
}

status() {
  local pid_file
  for pid_file in "$run"/*.pid; do
    [[ -f "$pid_file" ]] || continue
    if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "$(basename "$pid_file" .pid) runs (pid $(cat "$pid_file"))"
    else
      echo "$(basename "$pid_file" .pid) is gone (pid $(cat "$pid_file"))"
    fi
  done
}

command="${1:-}"
shift || true
case "$command" in
  start)
    taskmanagers="${1:-2}"
    start_jobmanager
    for id in $(seq 1 "$taskmanagers"); do
      start_taskmanager "$id"
    done
    wait_ready "$taskmanagers"
    ;;
  start-jobmanager) start_jobmanager ;;
  start-taskmanager) start_taskmanager "${1:?a TaskManager ID}" ;;
  wait-ready) wait_ready "${1:?how many TaskManagers}" ;;
  flink) client "$@" ;;
  stop) stop_cluster ;;
  status) status ;;
  *) fail "usage: flink-cluster.sh start [N] | start-jobmanager | start-taskmanager ID | wait-ready N | flink ARGS... | stop | status" ;;
esac
