#!/usr/bin/env bash
# Parallel streams against single streams, on a cluster where the Qperf CRD is installed and a
# pipeline watches the namespace (in-cluster, or started locally):
#   1. one run of N parallel streams (spec.parallel N) from one node to another;
#   2. N single-stream runs, one after the other, pinned to the same two nodes;
# then a table: each stream's bandwidth, the sum of the N streams against the sum (and mean) of the
# N single runs, and the start skew the parallel clients printed.
#
#   bench/parallel.sh KUBECONFIG [N=4] [SECONDS_PER_TEST=10] [NAMESPACE=default]
# Environment: QP (how to call the plugin; default: kubectl qperf), SERVER_NODE / CLIENT_NODE (pin
# the parallel run too; default: --cross-node, and the single runs follow the nodes it got).
set -euo pipefail
if [[ $# -lt 1 ]]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
export KUBECONFIG=$1
n=${2:-4}
secs=${3:-10}
ns=${4:-default}
read -r -a qp <<< "${QP:-kubectl qperf}"
tag=$(date +%H%M%S)
runs=()
cleanup() {
  for r in "${runs[@]}"; do kubectl -n "${ns}" delete qperf "${r}" --ignore-not-found --wait=false >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
log() { printf 'bench: %s\n' "$*" >&2; }
field() { kubectl -n "${ns}" get qperf "$1" -o "jsonpath=$2"; }
gb() { awk -v b="$1" 'BEGIN { if (b == "") print "-"; else printf "%.3f", b / 1e9 }'; }

# Runs one Qperf to its end; fails the bench unless it Completed.
run() {
  local name=$1
  shift
  runs+=("${name}")
  "${qp[@]}" create "${name}" -n "${ns}" --tests tcp_bw --options "-t ${secs}" --timeout 10m --wait "$@" >/dev/null || true
  local phase
  phase=$(field "${name}" '{.status.phase}')
  if [[ "${phase}" != Completed ]]; then
    log "${name} ended ${phase}: $(field "${name}" '{.status.reason}: {.status.message}')"
    exit 1
  fi
}

placement=(--cross-node)
if [[ -n "${SERVER_NODE:-}" && -n "${CLIENT_NODE:-}" ]]; then
  placement=(--server-node "${SERVER_NODE}" --client-node "${CLIENT_NODE}")
fi
par="par${n}-${tag}"
log "${par}: ${n} parallel streams, tcp_bw -t ${secs}"
run "${par}" --parallel "${n}" "${placement[@]}"
server=$(field "${par}" '{.status.serverNode}')
client=$(field "${par}" '{.status.clientNode}')
log "${par}: server on ${server}, client on ${client}"

singles=()
for i in $(seq 1 "${n}"); do
  s="single${i}-${tag}"
  log "${s}: one stream, the same nodes"
  run "${s}" --server-node "${server}" --client-node "${client}"
  singles+=("$(field "${s}" '{.status.results[0].metrics.bw.value}')")
done

# The parallel run's streams, in stream order, from its status (one tcp_bw block per stream).
mapfile -t streams < <(kubectl -n "${ns}" get qperf "${par}" \
  -o jsonpath='{range .status.results[*]}{.stream}{" "}{.metrics.bw.value}{"\n"}{end}' | sort -n | awk '{print $2}')
sum=$(field "${par}" '{.status.aggregate[0].mean}')
skew=$(field "${par}" '{.status.startSkewSeconds}')
single_sum=$(printf '%s\n' "${singles[@]}" | awk '{s += $1} END {printf "%.0f", s}')

printf '\nParallel streams vs single streams: tcp_bw -t %s s, server %s, client %s\n\n' "${secs}" "${server}" "${client}"
printf '%-8s %18s %18s\n' "stream" "parallel (GB/s)" "alone (GB/s)"
for i in $(seq 1 "${n}"); do
  printf '%-8s %18s %18s\n' "${i}" "$(gb "${streams[$((i - 1))]:-}")" "$(gb "${singles[$((i - 1))]}")"
done
printf '%-8s %18s %18s\n' "sum" "$(gb "${sum}")" "$(gb "${single_sum}")"
printf '%-8s %18s %18s\n' "mean" "$(gb "$(awk -v s="${sum}" -v n="${n}" 'BEGIN {print s / n}')")" \
  "$(gb "$(awk -v s="${single_sum}" -v n="${n}" 'BEGIN {print s / n}')")"
awk -v p="${sum}" -v s="${single_sum}" -v n="${n}" 'BEGIN {
  printf "\nthe %d streams together moved %.2f x one stream alone (mean of the single runs)\n", n, p / (s / n) }'
printf 'start skew between the parallel streams: %s s (of a %s s test)\n' "${skew:-unknown}" "${secs}"
