#!/usr/bin/env bash
# Benchmarks on real nodes (test-infra/local-cluster.sh, two kubelet nodes), as root:
#   fidelity   the same qperf test through kubectl-qperf and as bare qperf run by nsenter in the network
#              namespaces of two pods on the same two nodes, alternated, FIDELITY_PAIRS of each; the
#              ratio of the medians (target: within 5 %)
#   lifecycle  create → Completed of a one-test run (tcp_lat, -t 1) minus qperf's own time, split by
#              step from watch events stamped on arrival; p50 and p99 over LIFECYCLE_RUNS (target: p50
#              under 3 s with the image present). The steps add up to the whole; the lines "beside" are
#              not on that path: the client starts once the server runs, while its readiness probe runs
#
#   bench/real-nodes.sh [LIFECYCLE_RUNS=20] [FIDELITY_PAIRS=5] [SECONDS_PER_TEST=5]
#   FIDELITY_BARE=exec runs the bare pair by kubectl exec in the two pods' containers (their cgroups and
#   mounts too) instead of nsenter -n from the host
# Needs the jars (mvn -DskipTests package) and the cluster's build (test-infra/local-cluster.sh build).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
pairs=${2:-5}
secs=${3:-5}
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work=$(mktemp -d /tmp/bench-nodes.XXXXXX)
export KUBECONFIG="${work}/lc/kubeconfig"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "${p}" 2>/dev/null || true; done
  test-infra/local-cluster.sh down "${work}/lc" >/dev/null 2>&1 || true
  rm -rf "${work}"
}
trap cleanup EXIT
trap 'exit 143' TERM INT  # so that a timeout or Ctrl-C also takes the cluster down
log() { printf 'bench: %s\n' "$*" >&2; }
qp() { "${java}" -jar plugin/target/kubectl-qperf.jar "$@"; }

test-infra/local-cluster.sh up "${work}/lc" >/dev/null
kubectl apply -f crd/qperves.perf.kubestone.xridge.io.yaml >/dev/null
until kubectl get qperves >/dev/null 2>&1; do sleep 0.2; done
QPERF_NAMESPACES=default QPERF_LEADER_ELECTION=false QPERF_HEALTH_PORT=0 QPERF_LOG_LEVEL=WARN \
  QPERF_RESULTS_DIR="${work}/results" QPERF_DEAD_LETTER_DIR="${work}/dead" \
  "${java}" -jar pipeline/target/qperf-pipeline.jar > "${work}/pipeline.log" 2>&1 &
pids+=($!)

# ---- lifecycle: watch events stamped as they arrive ----------------------------------------------
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "${line}"; done; }
kubectl get pods -w --output-watch-events \
  -o jsonpath='pod {.object.metadata.name} {.object.status.phase} ready={.object.status.containerStatuses[0].ready} node={.object.spec.nodeName}{"\n"}' \
  2>/dev/null | stamp > "${work}/pods.events" &
pids+=($!)
kubectl get qperves -w -o jsonpath='qperf {.metadata.name} {.status.phase}{"\n"}' 2>/dev/null \
  | stamp > "${work}/qperves.events" &
pids+=($!)
kubectl get deployments -w -o jsonpath='deployment {.metadata.name}{"\n"}' 2>/dev/null \
  | stamp > "${work}/deployments.events" &
pids+=($!)
: > "${work}/creates"  # LIFECYCLE_RUNS may be 0: fidelity only
log "warm-up run (not measured)"
qp create warmup --tests tcp_lat --options '-t 1' --cross-node --wait >/dev/null
for i in $(seq 1 "${runs}"); do
  printf '%s create life%d\n' "$(date +%s.%N)" "${i}" >> "${work}/creates"
  qp create "life${i}" --tests tcp_lat --options '-t 1' --cross-node --wait >/dev/null
  kubectl wait --for=delete "pod" -l "app.kubernetes.io/instance=life${i},app.kubernetes.io/component=server" \
    --timeout=90s >/dev/null 2>&1 || true
done
log "lifecycle: ${runs} runs done"

# ---- fidelity: kubectl-qperf vs bare qperf in two pods' network namespaces -----------------------
for side in 1 2; do # holder-1 on node-1 (server side), holder-2 on node-2 (client side)
  kubectl run "holder-${side}" --image=xridge/qperf:0.4.11-r0 --image-pull-policy=IfNotPresent --restart=Never \
    --overrides="{\"spec\":{\"nodeName\":\"node-${side}\"}}" --command -- sleep "31415${side}" >/dev/null
done
kubectl wait --for=condition=Ready pod/holder-1 pod/holder-2 --timeout=90s >/dev/null
pid_a=$(pgrep -xf 'sleep 314151')
pid_b=$(pgrep -xf 'sleep 314152')
ip_a=$(kubectl get pod holder-1 -o jsonpath='{.status.podIP}')
bare() { # one bare run: server in holder-1's netns, client in holder-2's
  if [[ "${FIDELITY_BARE:-nsenter}" == exec ]]; then # in the holders' containers: their cgroups, mounts, user
    kubectl exec holder-1 -- qperf --listen_port 19801 > /dev/null 2>&1 &
    local server=$!
    sleep 0.3
    kubectl exec holder-2 -- qperf "${ip_a}" --listen_port 19801 -t "${secs}" tcp_bw tcp_lat quit
    (sleep 10; kill "${server}" 2>/dev/null) & # a client that failed before quit leaves the server waiting
    local guard=$!
    wait "${server}" 2>/dev/null || true
    kill "${guard}" 2>/dev/null || true
    return
  fi
  nsenter -t "${pid_a}" -n qperf --listen_port 19801 > /dev/null 2>&1 &
  local server=$!
  sleep 0.3
  nsenter -t "${pid_b}" -n qperf "${ip_a}" --listen_port 19801 -t "${secs}" tcp_bw tcp_lat
  kill "${server}" 2>/dev/null || true
  wait "${server}" 2>/dev/null || true
}
for i in $(seq 1 "${pairs}"); do # none when FIDELITY_PAIRS is 0
  qp create "fid${i}" --tests tcp_bw,tcp_lat --options "-t ${secs}" --server-node node-1 --client-node node-2 \
    --wait >/dev/null
  qp results "fid${i}" -o json > "${work}/tool-${i}.json"
  bare > "${work}/bare-${i}.txt"
done
log "fidelity: ${pairs} pairs done"

python3 - "${work}" "${runs}" "${pairs}" <<'PY'
import json, re, statistics, sys, os
work, runs, pairs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]

# lifecycle
ev = [l.split() for l in open(os.path.join(work, 'pods.events')) if l.strip()]
qv = [l.split() for l in open(os.path.join(work, 'qperves.events')) if l.strip()]
cr = {l.split()[2]: float(l.split()[0]) for l in open(os.path.join(work, 'creates'))}
def first(rows, pred):
    for r in rows:
        if pred(r): return float(r[0])
    return None
dv = [l.split() for l in open(os.path.join(work, 'deployments.events')) if l.strip()]
steps = {k: [] for k in ('kubectl qperf create (a new JVM) → Qperf exists', 'Qperf exists → server Deployment exists',
                         'Deployment exists → server pod exists', 'server pod exists → on a node', 'on a node → Running',
                         'server Running → client on a node', 'client on a node → client ended',
                         'client ended → Completed', 'create → Completed', 'Qperf exists → Completed', 'overhead: Qperf exists → Completed, minus qperf -t 1',
                         'beside: server Running → Ready (probe)', 'beside: server Ready → client on a node')}
for name, t0 in cr.items():
    # rows: time, 'pod', name, phase, ready=…, node=…
    created = first(qv, lambda r: r[2] == name)
    deployment = first(dv, lambda r: r[2] == name)
    server = lambda r: r[2].startswith(name + '-') and not r[2].startswith(name + '-client')
    exists = first(ev, server)
    placed = first(ev, lambda r: server(r) and not r[-1].endswith('='))
    running = first(ev, lambda r: server(r) and r[3] == 'Running')
    ready = first(ev, lambda r: server(r) and 'ready=true' in r)
    sched = first(ev, lambda r: r[2] == name + '-client' and not r[-1].endswith('='))
    ended = first(ev, lambda r: r[2] == name + '-client' and r[3] == 'Succeeded')
    done = first(qv, lambda r: r[2] == name and len(r) > 3 and r[3] == 'Completed')
    if None in (created, deployment, exists, placed, running, ready, sched, ended, done):
        print(f'{name}: incomplete events, skipped', file=sys.stderr); continue
    steps['kubectl qperf create (a new JVM) → Qperf exists'].append(created - t0)
    steps['Qperf exists → server Deployment exists'].append(deployment - created)
    steps['Deployment exists → server pod exists'].append(exists - deployment)
    steps['server pod exists → on a node'].append(placed - exists)
    steps['on a node → Running'].append(running - placed)
    steps['server Running → client on a node'].append(sched - running)
    steps['client on a node → client ended'].append(ended - sched)
    steps['client ended → Completed'].append(done - ended)
    steps['create → Completed'].append(done - t0)
    steps['Qperf exists → Completed'].append(done - created)
    steps['overhead: Qperf exists → Completed, minus qperf -t 1'].append(done - created - 1.0)
    steps['beside: server Running → Ready (probe)'].append(ready - running)
    steps['beside: server Ready → client on a node'].append(sched - ready)
print(f'\n## Lifecycle on real nodes: {len(steps["create → Completed"])} runs of tcp_lat -t 1, --cross-node\n')
print('| step | p50 | p99 |\n|---|---|---|')
for k, xs in steps.items():
    if xs: print(f'| {k} | {pct(xs, 50):.2f} s | {pct(xs, 99):.2f} s |')

if pairs == 0:
    sys.exit(0)
# fidelity
units = {'bytes/sec': 1, 'KB/sec': 1e3, 'MB/sec': 1e6, 'GB/sec': 1e9, 'ns': 1e-9, 'us': 1e-6, 'ms': 1e-3, 'sec': 1}
def bare(path):
    text = open(path).read()
    bw = re.search(r'bw\s+=\s+([\d.]+)\s+(\S+)', text); lat = re.search(r'latency\s+=\s+([\d.]+)\s+(\S+)', text)
    return float(bw.group(1)) * units[bw.group(2)], float(lat.group(1)) * units[lat.group(2)]
def tool(path):
    doc = json.load(open(path)); found = {}
    for t in doc['tests']:
        for m, v in t['metrics'].items():
            found[(t['test'], m)] = v['value']
    return float(found[('tcp_bw', 'bw')]), float(found[('tcp_lat', 'latency')])
tb, tl, bb, bl = [], [], [], []
for i in range(1, pairs + 1):
    b, l = tool(os.path.join(work, f'tool-{i}.json')); tb.append(b); tl.append(l)
    b, l = bare(os.path.join(work, f'bare-{i}.txt')); bb.append(b); bl.append(l)
mb, ml = statistics.median(tb) / statistics.median(bb), statistics.median(tl) / statistics.median(bl)
bare_by = 'kubectl exec in the pods' if os.environ.get('FIDELITY_BARE') == 'exec' else 'nsenter -n'
print(f'\n## Fidelity: kubectl-qperf vs bare qperf by {bare_by}, node-1 ← node-2, {pairs} alternated pairs\n')
print('| metric | kubectl-qperf median | bare qperf median | ratio |\n|---|---|---|---|')
print(f'| tcp_bw bw | {statistics.median(tb)/1e6:.0f} MB/s | {statistics.median(bb)/1e6:.0f} MB/s | {mb:.3f} |')
print(f'| tcp_lat latency | {statistics.median(tl)*1e6:.1f} µs | {statistics.median(bl)*1e6:.1f} µs | {ml:.3f} |')
print(f'\nall kubectl-qperf bw (MB/s): {[round(x/1e6) for x in tb]}; bare: {[round(x/1e6) for x in bb]}')
print(f'all kubectl-qperf latency (µs): {[round(x*1e6,1) for x in tl]}; bare: {[round(x*1e6,1) for x in bl]}')
PY
