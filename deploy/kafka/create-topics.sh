#!/usr/bin/env bash
# Creates (or brings up to date) etwcorr's Kafka topics: etw.raw, sized by the fleet, and the five outputs.
# Idempotent: existing topics keep their partitions (a warning says when they are fewer than sized) and get
# the retention and compression below. ACLs per role: acls.md / acls.sh next to this script.
#
#   create-topics.sh --bootstrap-server HOST:PORT --hosts N [options]
#
# Options (defaults in brackets):
#   --hosts N                 Windows hosts that run the collector [1000]
#   --events-per-host E       their peak raw events per second each [20]; measure it: sum etw.health `received`
#                             over an interval of a pilot group, divided by hosts and seconds
#   --events-per-partition P  raw events/s one partition (= one job slot) is sized for [2500]: half the job's
#                             measured rate per slot (docs/BENCHMARKS.md), so the fleet can double before resizing
#   --min-partitions M        at least this many etw.raw partitions, the job's largest planned parallelism [6]
#   --replication-factor R    [3]; min.insync.replicas is min(R, 2). On fewer brokers (a single-host
#                             trial: one broker) pass --replication-factor 1; the script checks first
#   --raw-retention-hours H   how far back the job can be replayed [72]
#   --command-config FILE     client properties for a secured cluster (SASL/TLS), passed to the Kafka tools
#   --dry-run                 print the sizing and the commands, run nothing (no Kafka needed)
# Environment: KAFKA_BIN, the directory of kafka-topics.sh, kafka-configs.sh and kafka-broker-api-versions.sh
# (default: found on PATH).
set -euo pipefail

bootstrap=""
hosts=1000
events_per_host=20
events_per_partition=2500
min_partitions=6
replication=3
raw_retention_hours=72
command_config=""
dry_run=false

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 2; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "create-topics.sh: $1 needs a positive integer, got '$2'" >&2; exit 2; }; }

while (($#)); do
  case "$1" in
    --bootstrap-server) bootstrap="${2:?}"; shift 2 ;;
    --hosts) positive "$1" "${2:-}"; hosts="$2"; shift 2 ;;
    --events-per-host) positive "$1" "${2:-}"; events_per_host="$2"; shift 2 ;;
    --events-per-partition) positive "$1" "${2:-}"; events_per_partition="$2"; shift 2 ;;
    --min-partitions) positive "$1" "${2:-}"; min_partitions="$2"; shift 2 ;;
    --replication-factor) positive "$1" "${2:-}"; replication="$2"; shift 2 ;;
    --raw-retention-hours) positive "$1" "${2:-}"; raw_retention_hours="$2"; shift 2 ;;
    --command-config) command_config="${2:?}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage ;;
    *) echo "create-topics.sh: unknown option '$1'" >&2; usage ;;
  esac
done
if [[ -z "$bootstrap" && "$dry_run" == false ]]; then
  echo "create-topics.sh: --bootstrap-server is required" >&2
  exit 2
fi

ceil_div() { echo $(( ($1 + $2 - 1) / $2 )); }
max() { echo $(( $1 > $2 ? $1 : $2 )); }

fleet_events=$(( hosts * events_per_host ))
raw_partitions=$(max "$min_partitions" "$(ceil_div "$fleet_events" "$events_per_partition")")
# connections and flows grow with the raw volume (a fraction of the events are network events);
# alerts, health (one record per host and minute) and dead letters stay small.
network_partitions=$(max 3 "$(ceil_div "$raw_partitions" 4)")
small_partitions=3
min_isr=$(( replication < 2 ? replication : 2 ))
hour_ms=3600000
day_ms=$(( 24 * hour_ms ))

# name partitions retention.ms
topics=(
  "etw.raw $raw_partitions $(( raw_retention_hours * hour_ms ))"
  "etw.anomalies $small_partitions $(( 30 * day_ms ))"
  "etw.connections $network_partitions $(( 7 * day_ms ))"
  "etw.flows $network_partitions $(( 7 * day_ms ))"
  "etw.health $small_partitions $(( 7 * day_ms ))"
  "etw.deadletter $small_partitions $(( 14 * day_ms ))"
)

echo "fleet: $hosts hosts x $events_per_host events/s = $fleet_events events/s"
echo "etw.raw partitions: $raw_partitions (at $events_per_partition events/s each, at least $min_partitions)"

tool() {
  local name="$1"; shift
  local path="${KAFKA_BIN:+$KAFKA_BIN/}$name"
  local args=(--bootstrap-server "${bootstrap:-HOST:PORT}")
  [[ -n "$command_config" ]] && args+=(--command-config "$command_config")
  if [[ "$dry_run" == true ]]; then
    echo "$path ${args[*]} $*"
  else
    "$path" "${args[@]}" "$@"
  fi
}

# Kafka's own refusal ("Replication factor: 3 larger than available brokers: 1") comes after the sizing
# and says nothing of this script's option: count the brokers first.
if [[ "$dry_run" == false ]]; then
  brokers=$(tool kafka-broker-api-versions.sh | grep -c ' (id: ' || true)
  if [[ "$brokers" -eq 0 ]]; then
    echo "create-topics.sh: no broker answered at $bootstrap" >&2
    exit 1
  elif [[ "$brokers" -lt "$replication" ]]; then
    echo "create-topics.sh: $brokers broker(s) registered at $bootstrap, fewer than the replication factor $replication:" \
      "pass --replication-factor $brokers" >&2
    exit 2
  fi
fi

for topic in "${topics[@]}"; do
  read -r name partitions retention <<<"$topic"
  # lz4 like the collector's and the job's producers: the broker keeps their batches as they arrive.
  configs="retention.ms=$retention,compression.type=lz4,cleanup.policy=delete,min.insync.replicas=$min_isr"
  create_configs=()
  IFS=, read -r -a pairs <<<"$configs"
  for pair in "${pairs[@]}"; do create_configs+=(--config "$pair"); done
  tool kafka-topics.sh --create --if-not-exists --topic "$name" --partitions "$partitions" \
    --replication-factor "$replication" "${create_configs[@]}"
  tool kafka-configs.sh --alter --entity-type topics --entity-name "$name" --add-config "$configs"
  if [[ "$dry_run" == false ]]; then
    existing=$(tool kafka-topics.sh --describe --topic "$name" | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -1)
    if [[ -n "$existing" && "$existing" -lt "$partitions" ]]; then
      # Adding partitions moves hosts to other partitions; do it with the job stopped on a savepoint.
      echo "warning: $name has $existing partitions, sized for $partitions (docs/OPERATIONS.md, 'More etw.raw partitions')" >&2
    fi
  fi
done
echo "done. Brokers: transaction.max.timeout.ms must be >= the job's kafka.transactionTimeoutMs (600000)."
