#!/usr/bin/env bash
# Builds kubectl-qperf and installs it; when a cluster is reachable, applies the Qperf CRD.
# Idempotent: a second run changes nothing and says so.
#
#   ./install.sh [--prefix DIR] [--uninstall] [--skip-cluster] [--no-packages]
#
# On Debian/Ubuntu as root it also installs the local tools the tests use (qperf, InfluxDB 1.x),
# unless --no-packages.
set -euo pipefail
cd "$(dirname "$0")"

prefix="${HOME}/.local"
uninstall=false
skip_cluster=false
packages=true
while (($#)); do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) uninstall=true; shift ;;
    --skip-cluster) skip_cluster=true; shift ;;
    --no-packages) packages=false; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

bin="${prefix}/bin/kubectl-qperf"
libdir="${prefix}/lib/kubectl-qperf"
say() { printf '%s\n' "$*"; }

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

if $uninstall; then
  removed=false
  for f in "${bin}" "${libdir}"; do
    if [[ -e "${f}" ]]; then rm -rf "${f}"; say "removed ${f}"; removed=true; fi
  done
  $removed || say "nothing to remove under ${prefix}"
  say "Qperf CRs and the CRD are left in the cluster; remove them with: kubectl delete crd qperves.perf.kubestone.xridge.io"
  exit 0
fi

install_packages() {
  local need=()
  command -v qperf >/dev/null || need+=(qperf)
  command -v influxd >/dev/null || need+=(influxdb influxdb-client)
  command -v mvn >/dev/null || need+=(maven)
  ((${#need[@]})) || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing ${need[*]} (apt-get) ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    say "note: the tests need ${need[*]}; install them with your package manager"
  fi
}

$packages && install_packages

jdk=$(find_jdk) || {
  echo "install.sh: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm)." >&2
  echo "  Debian/Ubuntu: apt-get install openjdk-21-jdk-headless, or set JAVA_HOME to a JDK 21+." >&2
  exit 1
}
command -v mvn >/dev/null || { echo "install.sh: Maven is missing: apt-get install maven" >&2; exit 1; }

say "building with ${jdk} ..."
JAVA_HOME="${jdk}" mvn -B -q -DskipTests install
jar=plugin/target/kubectl-qperf.jar

mkdir -p "${prefix}/bin" "${libdir}"
changed=false
if ! cmp -s "${jar}" "${libdir}/kubectl-qperf.jar"; then
  cp "${jar}" "${libdir}/kubectl-qperf.jar"
  changed=true
fi
launcher=$(sed -e "s#@JAVA@#${jdk}/bin/java#" -e "s#@LIBDIR@#${libdir}#" plugin/src/main/sh/kubectl-qperf)
if [[ ! -f "${bin}" ]] || [[ "$(cat "${bin}")" != "${launcher}" ]]; then
  printf '%s\n' "${launcher}" > "${bin}"
  chmod +x "${bin}"
  changed=true
fi
if $changed; then say "installed ${bin}"; else say "${bin} is up to date (nothing changed)"; fi
case ":${PATH}:" in *":${prefix}/bin:"*) ;; *) say "note: add ${prefix}/bin to PATH so that 'kubectl qperf' finds the plugin" ;; esac

if $skip_cluster; then
  say "skipped the cluster steps (--skip-cluster)"
elif cluster_reachable; then
  out=$(kubectl apply -f crd/qperves.perf.kubestone.xridge.io.yaml)
  say "${out}"
else
  say "no cluster reachable (kubectl version failed): skipped applying the CRD"
fi

cat <<NEXT

Next:
  kubectl qperf --help
  qperf 127.0.0.1 -vv tcp_bw tcp_lat | kubectl qperf parse - -o table     # with a local 'qperf' server running
NEXT
