#!/usr/bin/env bash
# CLI start-up against a real kube-apiserver (test-infra/control-plane.sh), in one run:
# kubectl get qperves vs kubectl qperf get answered by the warm helper, by a new JVM (with and
# without the start-up cache), and a command inside 'kubectl qperf shell'. Needs hyperfine
# (apt-get install hyperfine). Leaves nothing running: the helper is stopped at the end.
#   bench/cli.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work=$(mktemp -d)
export KUBECTL_QPERF_HELPER_DIR="${work}/helpers"
plugin="${work}/prefix/bin/kubectl-qperf"
cleanup() {
  [[ -x "${plugin}" ]] && "${plugin}" helper stop >/dev/null 2>&1 || true
  test-infra/control-plane.sh down "${work}/cp" >/dev/null 2>&1 || true
  rm -rf "${work}"
}
trap cleanup EXIT

./install.sh --prefix "${work}/prefix" --skip-cluster --no-packages >/dev/null
test-infra/control-plane.sh up "${work}/cp" 2>/dev/null
export KUBECONFIG="${work}/cp/kubeconfig"
kubectl apply -f crd/qperves.perf.kubestone.xridge.io.yaml >/dev/null 2>&1
kubectl wait --for condition=established --timeout 60s crd/qperves.perf.kubestone.xridge.io >/dev/null 2>&1
for i in $(seq 1 10); do
  "${plugin}" create "run-${i}" --tests tcp_bw,tcp_lat >/dev/null
done
kubectl get qperves >/dev/null 2>&1   # fill kubectl's discovery cache, as any user's would be
plain="${JAVA_HOME}/bin/java -jar ${work}/prefix/lib/kubectl-qperf/kubectl-qperf.jar"

# The first get runs in a new JVM and starts the helper; wait until it is published.
"${plugin}" get >/dev/null
for _ in $(seq 1 100); do
  "${plugin}" helper status | grep -q '^[0-9]' && break
  sleep 0.1
done
hyperfine --shell=none --warmup 3 --runs "${runs}" --export-json "${work}/cold.json" \
  -n "kubectl get qperves" "kubectl get qperves" \
  -n "kubectl qperf get (helper running)" "${plugin} get" \
  -n "kubectl qperf get (new JVM, start-up cache)" "env KUBECTL_QPERF_HELPER=off ${plugin} get" \
  -n "kubectl qperf get (new JVM, plain java -jar)" "${plain} get" >/dev/null 2>&1
helper_pid=$("${plugin}" helper status | awk '/^[0-9]/ {print $1; exit}')
helper_rss=$(ps -o rss= -p "${helper_pid}")

# Inside the shell one JVM and one client serve every command: time 1 vs 51 commands.
one() { printf 'get\n' | "${plugin}" shell >/dev/null 2>&1; }
many() { for _ in $(seq 1 51); do printf 'get\n'; done | "${plugin}" shell >/dev/null 2>&1; }
t1=$( { /usr/bin/time -f %e bash -c "$(declare -f one); plugin=${plugin}; one" ; } 2>&1 | tail -1)
t51=$( { /usr/bin/time -f %e bash -c "$(declare -f many); plugin=${plugin}; many" ; } 2>&1 | tail -1)

python3 - "${work}/cold.json" "${t1}" "${t51}" "${helper_rss}" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
kubectl = rows[0]["mean"]
print(f"{'command':48} {'mean ms':>9} {'stddev':>8} {'x kubectl':>10}")
for r in rows:
    print(f"{r['command']:48} {r['mean']*1000:9.1f} {r['stddev']*1000:8.1f} {r['mean']/kubectl:10.2f}")
per = (float(sys.argv[3]) - float(sys.argv[2])) / 50
print(f"{'kubectl qperf shell: one more get':48} {per*1000:9.1f} {'':>8} {per/kubectl:10.2f}")
print(f"helper resident memory: {int(sys.argv[4]) / 1024:.0f} MB")
PY
