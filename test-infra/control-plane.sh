#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, offline: etcd, kube-apiserver, kube-controller-manager
# and kube-scheduler (Kubernetes 1.20, built once from Debian's source package and cached).
#
#   test-infra/control-plane.sh build          build and cache the binaries (skipped when cached)
#   test-infra/control-plane.sh up DIR         start everything on free loopback ports; DIR/kubeconfig
#   test-infra/control-plane.sh down DIR       stop exactly the processes 'up DIR' started
#   test-infra/control-plane.sh restart-apiserver DIR   stop and start kube-apiserver (every watch closes)
#
# Cache: ${QPERF_CONTROL_PLANE_CACHE:-~/.cache/kubectl-qperf/control-plane}.
# QPERF_SERVICE_RANGES (default 10.0.0.0/24) and QPERF_FEATURE_GATES (default none) let local-cluster.sh
# make the cluster dual-stack: "10.0.0.0/24,fd00:10:96::/112" and "IPv6DualStack=true".
set -euo pipefail

cache="${QPERF_CONTROL_PLANE_CACHE:-${HOME}/.cache/kubectl-qperf/control-plane}"
bin="${cache}/bin"
service_ranges="${QPERF_SERVICE_RANGES:-10.0.0.0/24}"
feature_gates="${QPERF_FEATURE_GATES:-}"
daemons=(kube-apiserver kube-controller-manager kube-scheduler)

log() { printf 'control-plane: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

have_binaries() {
  for d in "${daemons[@]}"; do [[ -x "${bin}/${d}" ]] || return 1; done
}

need_packages() {
  local missing=()
  command -v go >/dev/null || missing+=(golang-go)
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v dpkg-source >/dev/null || missing+=(dpkg-dev)
  command -v make >/dev/null || missing+=(make)
  command -v rsync >/dev/null || missing+=(rsync)
  [[ -d /usr/share/gocode/src/github.com/modern-go/reflect2 ]] || missing+=(golang-github-modern-go-reflect2-dev)
  if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]})"
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

debian_uri() {
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [[ -n "${uri}" ]] || uri=$(awk '/^deb / && !/security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [[ -n "${uri}" ]] || die "cannot find the Debian mirror in /etc/apt"
  echo "${uri}"
}

build() {
  if have_binaries; then
    log "binaries cached in ${bin}"
    return 0
  fi
  need_packages
  local work="${cache}/build"
  rm -rf "${work}"
  mkdir -p "${work}/apt/lists/partial" "${work}/apt/cache/archives/partial" "${bin}"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_uri) bookworm main" \
    > "${work}/apt/sources.list"
  local apt=(apt-get -q -o "Dir::Etc::SourceList=${work}/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=${work}/apt/lists" -o "Dir::Cache=${work}/apt/cache" -o APT::Sandbox::User=root)
  log "fetching Debian's kubernetes source package"
  "${apt[@]}" update >/dev/null
  (cd "${work}" && "${apt[@]}" source --download-only kubernetes >/dev/null)
  (cd "${work}" && dpkg-source -x --no-check kubernetes_*.dsc tree >/dev/null)
  # The vendored reflect2 1.0.1 breaks under Go 1.18+ (nil pointer in frozenConfig.Type2 on the first
  # custom-resource request); Debian's packaged reflect2 works.
  local vendored="${work}/tree/vendor/github.com/modern-go/reflect2"
  rm -f "${vendored}"/*.go "${vendored}"/*.s
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go "${vendored}/"
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "${vendored}/" 2>/dev/null || true
  rm -f "${vendored}"/*_test.go
  export GOPATH="${work}/gopath" GOCACHE="${work}/gocache"
  mkdir -p "${GOPATH}/src/k8s.io"
  ln -sfn "${work}/tree" "${GOPATH}/src/k8s.io/kubernetes"
  log "building ${daemons[*]} (a few minutes on 2 cores)"
  (cd "${GOPATH}/src/k8s.io/kubernetes" && GOPROXY=off GOFLAGS=-mod=vendor CGO_ENABLED=0 \
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler" >"${work}/build.log" 2>&1) \
    || die "build failed; see ${work}/build.log"
  for d in "${daemons[@]}"; do cp "${work}/tree/_output/local/bin/linux/amd64/${d}" "${bin}/"; done
  rm -rf "${work}"
  log "built and cached in ${bin}"
}

# A port nothing listens on (per the kernel's listen tables) and that this run has not handed out.
taken=" "
free_port() {
  local port hex
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    hex=$(printf '%04X' "${port}")
    if [[ "${taken}" != *" ${port} "* ]] && ! grep -qs ":${hex} " /proc/net/tcp /proc/net/tcp6; then
      taken+="${port} "
      echo "${port}"
      return
    fi
  done
}

cert() { # name CN O [SAN]
  local name=$1 cn=$2 org=$3 san=${4:-}
  local subj="/CN=${cn}"
  [[ -n "${org}" ]] && subj="/O=${org}${subj}"
  openssl req -new -newkey rsa:2048 -nodes -keyout "${name}.key" -out "${name}.csr" -subj "${subj}" 2>/dev/null
  if [[ -n "${san}" ]]; then
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "${san}" > "${name}.ext"
  else
    printf 'extendedKeyUsage=clientAuth\n' > "${name}.ext"
  fi
  openssl x509 -req -in "${name}.csr" -CA "${ca:-ca}.crt" -CAkey "${ca:-ca}.key" -CAcreateserial \
    -out "${name}.crt" -days 365 -extfile "${name}.ext" 2>/dev/null
}

kubeconfig() { # file certname
  cat > "$1" <<KC
apiVersion: v1
kind: Config
clusters:
- cluster: {certificate-authority: ${dir}/pki/ca.crt, server: "https://127.0.0.1:${api_port}"}
  name: qperf-test
contexts:
- context: {cluster: qperf-test, user: $2, namespace: default}
  name: qperf-test
current-context: qperf-test
users:
- name: $2
  user: {client-certificate: ${dir}/pki/$2.crt, client-key: ${dir}/pki/$2.key}
KC
}

start() { # name args...
  local name=$1; shift
  printf '%s\0' "$@" > "${dir}/${name}.cmd"
  setsid "$@" >>"${dir}/${name}.log" 2>&1 < /dev/null &
  echo $! > "${dir}/${name}.pid"
}

wait_ready() {
  local k=(kubectl --kubeconfig "${dir}/kubeconfig" --request-timeout 2s)
  for _ in $(seq 1 300); do
    "${k[@]}" get --raw /readyz >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "kube-apiserver not ready after 60 s; see ${dir}/kube-apiserver.log"
}

restart_apiserver() {
  dir=$(realpath -m "${1:?restart-apiserver needs a directory}")
  local pid; pid=$(cat "${dir}/kube-apiserver.pid")
  kill "${pid}"
  for _ in $(seq 1 100); do running "${pid}" || break; sleep 0.1; done
  local args=()
  mapfile -d '' args < "${dir}/kube-apiserver.cmd"
  start kube-apiserver "${args[@]}"
  wait_ready
  log "kube-apiserver restarted"
}

up() {
  dir=$(realpath -m "${1:?up needs a directory}")
  have_binaries || build
  command -v etcd >/dev/null || need_packages
  mkdir -p "${dir}/pki" "${dir}/etcd"
  local etcd_port peer_port cm_port sched_port
  free_port >/dev/null  # warm up RANDOM
  api_port=$(free_port); etcd_port=$(free_port); peer_port=$(free_port); cm_port=$(free_port); sched_port=$(free_port)
  local unique
  unique=$(printf '%s\n' "${api_port}" "${etcd_port}" "${peer_port}" "${cm_port}" "${sched_port}" | sort -u | wc -l)
  [[ "${unique}" -eq 5 ]] || die "port collision; run up again"
  (
    cd "${dir}/pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 365 -subj /CN=qperf-test-ca 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -keyout front-proxy-ca.key -out front-proxy-ca.crt -days 365 \
      -subj /CN=qperf-test-front-proxy-ca 2>/dev/null
    cert apiserver kube-apiserver "" "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
    cert admin admin system:masters
    cert controller-manager system:kube-controller-manager ""
    cert scheduler system:kube-scheduler ""
    ca=front-proxy-ca cert front-proxy-client front-proxy-client ""
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  )
  kubeconfig "${dir}/kubeconfig" admin
  kubeconfig "${dir}/controller-manager.kubeconfig" controller-manager
  kubeconfig "${dir}/scheduler.kubeconfig" scheduler
  local p="${dir}/pki"
  start etcd etcd --name qperf-test --data-dir "${dir}/etcd" \
    --listen-client-urls "http://127.0.0.1:${etcd_port}" --advertise-client-urls "http://127.0.0.1:${etcd_port}" \
    --listen-peer-urls "http://127.0.0.1:${peer_port}" --initial-advertise-peer-urls "http://127.0.0.1:${peer_port}" \
    --initial-cluster "qperf-test=http://127.0.0.1:${peer_port}"
  start kube-apiserver "${bin}/kube-apiserver" --etcd-servers "http://127.0.0.1:${etcd_port}" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "${api_port}" --insecure-port 0 \
    --tls-cert-file "${p}/apiserver.crt" --tls-private-key-file "${p}/apiserver.key" --client-ca-file "${p}/ca.crt" \
    --authorization-mode Node,RBAC --endpoint-reconciler-type none --service-cluster-ip-range "${service_ranges}" \
    ${feature_gates:+--feature-gates "${feature_gates}"} \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "${p}/sa.pub" --service-account-signing-key-file "${p}/sa.key" \
    --kubelet-client-certificate "${p}/admin.crt" --kubelet-client-key "${p}/admin.key" \
    --kubelet-preferred-address-types InternalIP \
    --requestheader-client-ca-file "${p}/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --proxy-client-cert-file "${p}/front-proxy-client.crt" --proxy-client-key-file "${p}/front-proxy-client.key"
  start kube-controller-manager "${bin}/kube-controller-manager" --kubeconfig "${dir}/controller-manager.kubeconfig" \
    --leader-elect=false --use-service-account-credentials --service-account-private-key-file "${p}/sa.key" \
    --root-ca-file "${p}/ca.crt" --cluster-signing-cert-file "${p}/ca.crt" --cluster-signing-key-file "${p}/ca.key" \
    --bind-address 127.0.0.1 --secure-port "${cm_port}" --port 0 ${feature_gates:+--feature-gates "${feature_gates}"}
  start kube-scheduler "${bin}/kube-scheduler" --kubeconfig "${dir}/scheduler.kubeconfig" --leader-elect=false \
    --bind-address 127.0.0.1 --secure-port "${sched_port}" --port 0
  local k=(kubectl --kubeconfig "${dir}/kubeconfig" --request-timeout 2s)
  for _ in $(seq 1 300); do
    if "${k[@]}" get --raw /readyz >/dev/null 2>&1 \
        && "${k[@]}" -n default get serviceaccount default -o jsonpath='{.secrets[0].name}' 2>/dev/null | grep -q .; then
      echo "${api_port}" > "${dir}/api-port"
      log "ready: KUBECONFIG=${dir}/kubeconfig"
      return 0
    fi
    for d in etcd "${daemons[@]}"; do
      kill -0 "$(cat "${dir}/${d}.pid")" 2>/dev/null || { down "${dir}"; die "${d} exited; see ${dir}/${d}.log"; }
    done
    sleep 0.2
  done
  down "${dir}"
  die "not ready after 60 s; logs in ${dir}"
}

# Running, not a zombie: daemons that outlive 'up' are reaped by PID 1 whenever it gets to it.
running() {
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  [[ -n "${st}" && "${st}" != Z ]]
}

down() {
  dir=$(realpath -m "${1:?down needs a directory}")
  local stopped=()
  for d in kube-scheduler kube-controller-manager kube-apiserver etcd; do
    local pidfile="${dir}/${d}.pid"
    [[ -f "${pidfile}" ]] || continue
    local pid; pid=$(cat "${pidfile}")
    if running "${pid}"; then
      kill "${pid}" 2>/dev/null || true
      for _ in $(seq 1 50); do running "${pid}" || break; sleep 0.1; done
      kill -9 "${pid}" 2>/dev/null || true
      stopped+=("${d}")
    fi
    rm -f "${pidfile}"
  done
  log "stopped ${stopped[*]:-nothing}"
}

case "${1:-}" in
  build) build ;;
  up) up "${2:-}" ;;
  down) down "${2:-}" ;;
  restart-apiserver) restart_apiserver "${2:-}" ;;
  *) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 2 ;;
esac
