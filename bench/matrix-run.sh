#!/usr/bin/env bash
# A matrix's wall time against its floor, on a cluster where the CRDs are installed and a pipeline
# watches the namespace (in-cluster, or started locally):
#   1. PAIR_RUNS single Qperf runs between two nodes, one after the other: one pair's time (p50),
#      from creation to completion as a user waits for it;
#   2. a QperfMatrix over every node, default concurrency (node-disjoint pairs at once): its wall
#      time against rounds x one pair's time;
#   3. the same matrix with --concurrency 1: its wall time against pairs x one pair's time.
# Same tests and options for all. Prints a table; deletes what it created.
#
#   bench/matrix-run.sh KUBECONFIG [SECONDS_PER_TEST=2] [PAIR_RUNS=3] [NAMESPACE=default]
# Environment: QP (how to call the plugin; default: kubectl qperf), TESTS (default tcp_bw,tcp_lat).
set -euo pipefail
if [[ $# -lt 1 ]]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
export KUBECONFIG=$1
secs=${2:-2}
pair_runs=${3:-3}
ns=${4:-default}
tests=${TESTS:-tcp_bw,tcp_lat}
read -r -a qp <<< "${QP:-kubectl qperf}"
tag=$(date +%H%M%S)
created=()
cleanup() {
  for r in "${created[@]}"; do kubectl -n "${ns}" delete "${r}" --ignore-not-found --wait=false >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { printf 'bench: %s\n' "$*" >&2; }
epoch() { date -d "$1" +%s; }
# seconds from an object's creation to its status.completionTime
took() {
  local times
  times=$(kubectl -n "${ns}" get "$1" -o jsonpath='{.metadata.creationTimestamp} {.status.completionTime}')
  echo $(( $(epoch "${times#* }") - $(epoch "${times% *}") ))
}
await_final() { # kind/name
  local phase
  while :; do
    phase=$(kubectl -n "${ns}" get "$1" -o jsonpath='{.status.phase}' 2>/dev/null || true)
    case "${phase}" in Completed|Failed) break ;; esac
    sleep 1
  done
  [[ "${phase}" == Completed ]] || { log "$1 ended ${phase}: $(kubectl -n "${ns}" get "$1" -o jsonpath='{.status.message}')"; exit 1; }
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mapfile -t nodes < <(kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}')
((${#nodes[@]} >= 2)) || { log "needs two nodes or more"; exit 1; }

pair_times=()
for i in $(seq 1 "${pair_runs}"); do
  name="pair${i}-${tag}"
  created+=("qperf/${name}")
  log "${name}: ${nodes[1]} -> ${nodes[0]}, ${tests} -t ${secs}"
  "${qp[@]}" create "${name}" -n "${ns}" --tests "${tests}" --options "-t ${secs}" --server-node "${nodes[0]}" \
    --client-node "${nodes[1]}" >/dev/null
  await_final "qperf/${name}"
  pair_times+=("$(took "qperf/${name}")")
done
pair=$(printf '%s\n' "${pair_times[@]}" | median)

rows=()
for concurrency in default 1; do
  name="mx${concurrency/default/d}-${tag}"
  created+=("qperfmatrix/${name}")
  extra=()
  [[ "${concurrency}" == default ]] || extra=(--concurrency "${concurrency}")
  log "${name}: every ordered pair of ${#nodes[@]} nodes, concurrency ${concurrency}"
  "${qp[@]}" matrix create "${name}" -n "${ns}" --tests "${tests}" --options "-t ${secs}" "${extra[@]}" >/dev/null
  await_final "qperfmatrix/${name}"
  wall=$(took "qperfmatrix/${name}")
  read -r pairs rounds < <(kubectl -n "${ns}" get qperfmatrix "${name}" \
    -o jsonpath='{.status.progress.total} {.status.progress.totalRounds}{"\n"}')
  [[ "${concurrency}" == 1 ]] && rounds=${pairs}
  child=$(kubectl -n "${ns}" get qperf -l "perf.kubestone.xridge.io/matrix=${name}" \
    -o jsonpath='{range .items[*]}{.metadata.creationTimestamp} {.status.completionTime}{"\n"}{end}' \
    | while read -r a b; do echo $(( $(epoch "${b}") - $(epoch "${a}") )); done | median)
  floor=$(awk -v r="${rounds}" -v p="${pair}" 'BEGIN { print r * p }')
  rows+=("$(printf '%-12s %5s %6s %12s %8s %7s %10s' "${concurrency}" "${pairs}" "${rounds}" "${child}" "${floor}" \
    "${wall}" "$(awk -v w="${wall}" -v f="${floor}" 'BEGIN { printf "%.2f", w / f }')")")
done

echo
echo "one pair alone (${pair_runs} runs, ${nodes[1]} -> ${nodes[0]}): ${pair_times[*]} s, p50 ${pair} s"
printf '%-12s %5s %6s %12s %8s %7s %10s\n' concurrency pairs rounds "child p50 s" "floor s" "wall s" wall/floor
printf '%s\n' "${rows[@]}"
