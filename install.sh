#!/usr/bin/env bash
# Builds kubectl-qperf and installs it; when a cluster is reachable, applies the Qperf CRD and
# starts the pipeline as a local background process (or, with --in-cluster, deploys it with the
# manifests in deploy/). When no cluster answers and it runs as root, it starts a local cluster of two
# real nodes instead (test-infra/local-cluster.sh: builds Kubernetes once, ~20 min cold, then ~1 min),
# and ends with a benchmark between them. Idempotent: a second run changes nothing. Installs no
# system package unless the local cluster needs one (containerd, runc, CNI plugins, ...).
#
#   ./install.sh [--prefix DIR] [--skip-cluster] [--skip-build] [--namespaces NS[,NS]|'*'] [--dev]
#                [--no-local-cluster]
#   ./install.sh --in-cluster    apply deploy/cluster-wide: CRD, RBAC, the pipeline Deployment
#   ./install.sh --stop          stop the local pipeline
#   ./install.sh --uninstall     stop it and remove what install.sh added, the local cluster included
#                                (never your Qperf runs in a cluster of yours)
#
# --dev (as root on Debian/Ubuntu) also installs what the tests use: qperf, InfluxDB 1.x, Prometheus,
# tmux and Maven (.ci/run --tools-only), without starting any service.
set -euo pipefail
caller_dir="${PWD}"
cd "$(dirname "$0")"

prefix="${HOME}/.local"
uninstall=false
skip_cluster=false
dev=false
stop=false
build=true
namespaces=""
in_cluster=false
local_cluster=true
state="${XDG_STATE_HOME:-${HOME}/.local/state}/kubectl-qperf"
while (($#)); do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) uninstall=true; shift ;;
    --skip-cluster) skip_cluster=true; shift ;;
    --dev) dev=true; shift ;;
    --no-packages) shift ;; # the default now; accepted for older scripts
    --stop) stop=true; shift ;;
    --skip-build) build=false; shift ;;
    --in-cluster) in_cluster=true; shift ;;
    --no-local-cluster) local_cluster=false; shift ;;
    --namespaces) namespaces="${2:?--namespaces needs a value}"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

# The launchers name these paths between double quotes (see render); a newline would end a comment
# line there, and a ':' cannot be on PATH (nor in a JVM archive path).
[[ "${prefix}" == /* ]] || prefix="${caller_dir}/${prefix}"
for value in "${prefix}" "${state}"; do
  if [[ "${value}" == *[[:cntrl:]]* || "${value}" == *:* ]]; then
    printf 'install.sh: refusing %q: a path with a control character or a colon cannot be installed\n' "${value}" >&2
    exit 2
  fi
done
bin="${prefix}/bin/kubectl-qperf"
complete_bin="${prefix}/bin/kubectl_complete-qperf"
pipeline_bin="${prefix}/bin/qperf-pipeline"
libdir="${prefix}/lib/kubectl-qperf"
local_cluster_dir="${state}/local-cluster"
say() { printf '%s\n' "$*"; }

# A launcher template with each @KEY@ replaced by VALUE. Every placeholder stands between double
# quotes, so VALUE gets \ " $ ` escaped and stays one literal word whatever it holds ($(, #, &, ');
# -raw KEY VALUE: pasted as is (install.sh's own fixed text, such as the cache flag naming $cache);
# given first, so that no path can bring its placeholder along.
render() { # TEMPLATE [-raw] KEY VALUE ...
  local text value raw
  text=$(<"$1")
  shift
  while (($#)); do
    raw=false
    [[ "$1" == -raw ]] && { raw=true; shift; }
    value="$2"
    if ! $raw; then
      value="${value//\\/\\\\}"
      value="${value//\"/\\\"}"
      value="${value//\$/\\\$}"
      value="${value//\`/\\\`}"
    fi
    text="${text//"@$1@"/"${value}"}"
    shift 2
  done
  printf '%s\n' "${text}"
}

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }

find_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("${JAVA_HOME}")
  candidates+=(/usr/lib/jvm/*)
  for home in "${candidates[@]}"; do
    if [[ -x "${home}/bin/javac" && "$(java_major "${home}/bin/java")" -ge 21 ]] 2>/dev/null; then
      echo "${home}"
      return 0
    fi
  done
  return 1
}

cluster_reachable() {
  command -v kubectl >/dev/null && kubectl version --request-timeout=3s >/dev/null 2>&1
}

pipeline_pid() {
  local pid
  pid=$(cat "${state}/pipeline.pid" 2>/dev/null) || return 1
  kill -0 "${pid}" 2>/dev/null && grep -q qperf-pipeline "/proc/${pid}/cmdline" 2>/dev/null && echo "${pid}"
}

stop_pipeline() {
  local pid
  if pid=$(pipeline_pid); then
    kill "${pid}"
    for _ in $(seq 1 100); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.1; done
    say "stopped the local pipeline (pid ${pid})"
  else
    say "no local pipeline is running"
  fi
  rm -f "${state}/pipeline.pid"
}

if $stop; then
  stop_pipeline
  exit 0
fi

helper_dir="${KUBECTL_QPERF_HELPER_DIR:-${XDG_RUNTIME_DIR:-${HOME}/.cache}/kubectl-qperf/helper}"

if $uninstall; then
  stop_pipeline
  local_cluster_removed=false
  if [[ -f "${local_cluster_dir}/.local-cluster" ]]; then
    local_cluster_removed=true
    test-infra/local-cluster.sh down "${local_cluster_dir}"
    rm -rf -- "${local_cluster_dir}"
    say "removed the local cluster (${local_cluster_dir}); the Kubernetes build stays cached in ${QPERF_CONTROL_PLANE_CACHE:-${HOME}/.cache/kubectl-qperf/control-plane}"
  fi
  if [[ -x "${bin}" ]]; then
    KUBECTL_QPERF_HELPER_DIR="${helper_dir}" "${bin}" helper stop 2>/dev/null | grep -v '^no helper' || true
  fi
  # The helpers' directory, if it is this user's (under sudo it may be another user's: not ours to remove).
  if [[ -d "${helper_dir}" && ! -L "${helper_dir}" && -O "${helper_dir}" ]]; then
    rm -rf -- "${helper_dir}"
    rmdir -- "$(dirname -- "${helper_dir}")" 2>/dev/null || true
    say "removed ${helper_dir}"
  fi
  rm -f "${state}/pipeline.log" "${state}/pipeline.namespaces" "${state}/pipeline.kubeconfig"
  if [[ -d "${state}/results" ]]; then
    say "kept your results in ${state}/results"
  else
    rm -rf "${state}"
  fi
  removed=false
  for f in "${bin}" "${complete_bin}" "${pipeline_bin}" "${libdir}"; do
    if [[ -e "${f}" ]]; then rm -rf "${f}"; say "removed ${f}"; removed=true; fi
  done
  $removed || say "nothing to remove under ${prefix}"
  $local_cluster_removed \
    || say "Qperf CRs and the CRD are left in the cluster; remove them with: kubectl delete crd qperves.perf.kubestone.xridge.io qperfmatrices.perf.kubestone.xridge.io qperfschedules.perf.kubestone.xridge.io"
  exit 0
fi

if $dev; then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "install.sh: --dev installs Debian packages: run it as root on Debian or Ubuntu" >&2
    exit 1
  fi
  .ci/run --tools-only
fi

jdk=$(find_jdk) || {
  echo "install.sh: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm)." >&2
  echo "  Debian/Ubuntu: apt-get install openjdk-21-jdk-headless, or set JAVA_HOME to a JDK 21+." >&2
  exit 1
}

jar=plugin/target/kubectl-qperf.jar
if $build || [[ ! -f "${jar}" || ! -f pipeline/target/qperf-pipeline.jar ]]; then
  command -v mvn >/dev/null || { echo "install.sh: Maven is missing: apt-get install maven" >&2; exit 1; }
  say "building with ${jdk} ..."
  # Maven's own libraries call sun.misc.Unsafe, which JDK 24+ warns about on every build.
  maven_opts="${MAVEN_OPTS:-}"
  (( $(java_major "${jdk}/bin/java") >= 24 )) && maven_opts="${maven_opts} --sun-misc-unsafe-memory-access=allow"
  JAVA_HOME="${jdk}" MAVEN_OPTS="${maven_opts}" mvn -B -q -DskipTests install
fi

mkdir -p "${prefix}/bin" "${libdir}"
changed=false
if ! cmp -s "${jar}" "${libdir}/kubectl-qperf.jar"; then
  cp "${jar}" "${libdir}/kubectl-qperf.jar"
  changed=true
fi
if ! cmp -s pipeline/target/qperf-pipeline.jar "${libdir}/qperf-pipeline.jar"; then
  cp pipeline/target/qperf-pipeline.jar "${libdir}/qperf-pipeline.jar"
  changed=true
fi
# Start-up cache: JDK 25's AOT cache, else (JDK 21-24) a CDS archive; both from one training run.
if (( $(java_major "${jdk}/bin/java") >= 25 )); then
  cache_kind="JDK AOT cache"; cache_file=kubectl-qperf.aot
  cache_flags='-XX:AOTCache=$cache'; train_flag="-XX:AOTCacheOutput=${libdir}/${cache_file}"
else
  cache_kind="CDS archive"; cache_file=kubectl-qperf.jsa
  cache_flags='-XX:SharedArchiveFile=$cache'; train_flag="-XX:ArchiveClassesAtExit=${libdir}/${cache_file}"
fi
launcher=$(render plugin/src/main/sh/kubectl-qperf -raw CACHE_FLAGS "${cache_flags}" CACHE_FILE "${cache_file}" \
  CACHE_KIND "${cache_kind}" JAVA "${jdk}/bin/java" LIBDIR "${libdir}")
if [[ ! -f "${bin}" ]] || [[ "$(cat "${bin}")" != "${launcher}" ]]; then
  printf '%s\n' "${launcher}" > "${bin}"
  chmod +x "${bin}"
  changed=true
fi
# kubectl (1.26+) completes 'kubectl qperf <TAB>' by running kubectl_complete-qperf from the PATH.
if ! cmp -s plugin/src/main/sh/kubectl_complete-qperf "${complete_bin}"; then
  cp plugin/src/main/sh/kubectl_complete-qperf "${complete_bin}"
  chmod +x "${complete_bin}"
  changed=true
fi
pipeline_launcher=$(render pipeline/src/main/sh/qperf-pipeline JAVA "${jdk}/bin/java" LIBDIR "${libdir}" \
  STATE "${state}")
if [[ ! -f "${pipeline_bin}" ]] || [[ "$(cat "${pipeline_bin}")" != "${pipeline_launcher}" ]]; then
  printf '%s\n' "${pipeline_launcher}" > "${pipeline_bin}"
  chmod +x "${pipeline_bin}"
  changed=true
fi
if [[ ! "${libdir}/${cache_file}" -nt "${libdir}/kubectl-qperf.jar" ]]; then
  rm -f "${libdir}"/kubectl-qperf.aot "${libdir}"/kubectl-qperf.jsa
  # JDK 25 runs the training in a child JVM and reports its JAVA_TOOL_OPTIONS on stderr: keep it quiet.
  "${jdk}/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k "${train_flag}" -Xlog:disable \
    -Xlog:all=error:stderr -jar "${libdir}/kubectl-qperf.jar" aot-training >/dev/null 2>"${libdir}/aot-training.log" \
    || { cat "${libdir}/aot-training.log" >&2; echo "install.sh: recording the start-up cache failed" >&2; exit 1; }
  say "recorded the start-up cache (${cache_kind}): ${libdir}/${cache_file}"
  changed=true
fi
if $changed; then say "installed ${bin}"; else say "${bin} is up to date (nothing changed)"; fi
case ":${PATH}:" in *":${prefix}/bin:"*) ;; *) say "note: add ${prefix}/bin to PATH so that 'kubectl qperf' finds the plugin" ;; esac

# Every namespace when the user may run benchmarks in all of them (a run created where no pipeline
# watches would sit without a phase); else the context's namespace, said loudly.
default_namespaces() {
  local verb ok=true
  for verb in "watch qperves.perf.kubestone.xridge.io" "create deployments.apps" "create pods" "delete services"; do
    # shellcheck disable=SC2086 # two words on purpose: verb and resource
    [[ "$(kubectl auth can-i ${verb} --all-namespaces 2>/dev/null)" == yes ]] || ok=false
  done
  if ${ok}; then
    echo '*'
    return
  fi
  local ns
  ns=$(kubectl config view --minify -o 'jsonpath={..namespace}' 2>/dev/null || true)
  ns="${ns:-default}"
  say "note: you may not run benchmarks in every namespace, so the local pipeline watches only '${ns}';" \
    "a Qperf created elsewhere gets no phase until you rerun ./install.sh --namespaces NS[,NS]" >&2
  echo "${ns}"
}

# The embedded default: the pipeline as a local process, on the current kubeconfig context.
start_pipeline() {
  mkdir -p "${state}"
  local ns="${namespaces}"
  if [[ -z "${ns}" ]]; then
    ns=$(default_namespaces)
  fi
  local pid
  if pid=$(pipeline_pid); then
    if [[ "${libdir}/qperf-pipeline.jar" -nt "${state}/pipeline.pid" ]]; then
      stop_pipeline
    elif [[ "$(cat "${state}/pipeline.namespaces" 2>/dev/null)" == "${ns}" \
        && "$(cat "${state}/pipeline.kubeconfig" 2>/dev/null)" == "${KUBECONFIG:-}" ]]; then
      say "the local pipeline is already running (pid ${pid}, namespaces ${ns}); log: ${state}/pipeline.log"
      return 0
    else
      stop_pipeline
    fi
  fi
  QPERF_NAMESPACES="${ns}" nohup "${pipeline_bin}" >>"${state}/pipeline.log" 2>&1 </dev/null &
  echo $! > "${state}/pipeline.pid"
  echo "${ns}" > "${state}/pipeline.namespaces"
  echo "${KUBECONFIG:-}" > "${state}/pipeline.kubeconfig"
  say "started the local pipeline (pid $!, namespaces ${ns}); log: ${state}/pipeline.log; stop: ./install.sh --stop"
}

# In-cluster: the manifests in deploy/ (CRD, cluster-wide RBAC, two replicas with leader election).
deploy_in_cluster() {
  local image=kubectl-qperf/qperf-pipeline:0.1.0 builder
  builder=$(command -v docker || command -v podman || true)
  if [[ -f "${local_cluster_dir}/.local-cluster" && "${KUBECONFIG:-}" == "${local_cluster_dir}/kubeconfig" ]]; then
    JAVA_HOME="${jdk}" deploy/image/build.sh "${state}/qperf-pipeline.tar"
    test-infra/local-cluster.sh import "${local_cluster_dir}" "${state}/qperf-pipeline.tar"
    say "built the image ${image} and imported it into the local cluster's nodes"
  elif [[ -n "${builder}" ]]; then
    "${builder}" build -q -f deploy/Dockerfile -t "${image}" . >/dev/null && say "built the image ${image}"
  else
    say "note: no docker or podman here: 'deploy/image/build.sh OUT.tar' builds ${image} as an archive;" \
      "load it into your nodes' runtime (ctr -n k8s.io images import OUT.tar) or push it where they pull from"
  fi
  say "$(kubectl apply -k deploy/cluster-wide)"
  say "deployed the pipeline to namespace qperf-system; watch it with: kubectl -n qperf-system get pods"
}

# The embedded default without a cluster: real nodes on this machine (local-cluster.sh), built once.
local_cluster_up() {
  say "no cluster reachable: the embedded local cluster (2 real nodes) in ${local_cluster_dir}"
  if ! test-infra/local-cluster.sh check >/dev/null 2>&1; then
    say "building Kubernetes (control plane, kubelet, kube-proxy) from Debian's source package and the images," \
      "once: about 20 min on 2 cores; later runs reuse the cache"
    test-infra/local-cluster.sh build
  fi
  local kubeconfig
  kubeconfig=$(test-infra/local-cluster.sh up "${local_cluster_dir}")
  export KUBECONFIG="${kubeconfig}"
  say "local cluster up; KUBECONFIG=${KUBECONFIG}"
}

# The product's main job, once: a benchmark between pods on two nodes. Later runs print its result.
first_run() {
  local name=first-run
  if "${bin}" get "${name}" -n default >/dev/null 2>&1; then
    say "the first benchmark ran already; its result (kubectl qperf results ${name}):"
    "${bin}" results "${name}" -n default
  else
    say "running a first benchmark between two pods on two nodes:"
    "${bin}" create "${name}" -n default --tests tcp_bw,tcp_lat --options '-t 5' --cross-node --timeout 5m --wait
  fi
}

if $skip_cluster; then
  say "skipped the cluster steps (--skip-cluster)"
elif cluster_reachable && $in_cluster; then
  pipeline_pid >/dev/null && stop_pipeline
  deploy_in_cluster
elif cluster_reachable; then
  say "$(kubectl apply -f crd/qperves.perf.kubestone.xridge.io.yaml -f crd/qperfmatrices.perf.kubestone.xridge.io.yaml -f crd/qperfschedules.perf.kubestone.xridge.io.yaml)"
  start_pipeline
elif ! $local_cluster; then
  say "no cluster reachable (kubectl version failed): skipped applying the CRD and starting the pipeline"
elif [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  say "no cluster reachable (kubectl version failed): skipped applying the CRD and starting the pipeline."
  say "The embedded local cluster (two real nodes on this machine) needs root on Debian or Ubuntu:"
  say "  sudo ./install.sh        or point kubectl at a cluster and rerun ./install.sh"
else
  local_cluster_up
  say "$(kubectl apply -f crd/qperves.perf.kubestone.xridge.io.yaml -f crd/qperfmatrices.perf.kubestone.xridge.io.yaml -f crd/qperfschedules.perf.kubestone.xridge.io.yaml)"
  start_pipeline
  first_run
  cat <<LOCAL

The local cluster (2 real nodes, containerd, kube-proxy, cluster DNS) stays up for you:
  export KUBECONFIG=${KUBECONFIG}
  kubectl get nodes; kubectl qperf get
Remove it all (pipeline, cluster, plugin; host state restored): ./install.sh --uninstall
LOCAL
fi

cat <<NEXT

Next:
  kubectl qperf --help
  qperf 127.0.0.1 -vv tcp_bw tcp_lat | kubectl qperf parse - -o table     # with a local 'qperf' server running
NEXT
