#!/usr/bin/env bash
# A local Kubernetes cluster with real nodes, offline: the control plane of control-plane.sh plus N
# nodes (default 2), each with its own containerd and kubelet in its own mount namespace and a CNI
# bridge; one kube-proxy (iptables and ip6tables) for the host; a cluster DNS (dnsmasq fed by a
# Service/Endpoints watch). Dual-stack, IPv4 first: pods have an IPv4 and an IPv6 address. Images
# are built here (test-infra/images/build.sh) and imported; nothing is pulled. Run as root.
#
#   test-infra/local-cluster.sh build          build what is not cached: the Kubernetes binaries (the
#                                              control plane's too), then the images
#   test-infra/local-cluster.sh up DIR [N]     start the cluster (idempotent); prints DIR/kubeconfig
#   test-infra/local-cluster.sh down DIR       remove everything 'up DIR' added on the host
#   test-infra/local-cluster.sh import DIR TAR import an image archive into every node's containerd
#   test-infra/local-cluster.sh stop-kubelet DIR I   stop node-I's kubelet alone (its containers run on)
#   test-infra/local-cluster.sh start-kubelet DIR I  start it again
#   test-infra/local-cluster.sh check          exit 0 when the binaries and images are built
#
# Cache: ${QPERF_CONTROL_PLANE_CACHE:-~/.cache/kubectl-qperf/control-plane} (bin/ holds the Kubernetes
# binaries, images/ the image archives, src/ the Kubernetes tree kept for later builds).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache="${QPERF_CONTROL_PLANE_CACHE:-${HOME}/.cache/kubectl-qperf/control-plane}"
bin="${cache}/bin"
images="${cache}/images"
node_binaries=(kubelet kube-proxy)
image_archives=(pause.tar qperf.tar)

log() { printf 'local-cluster: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

have_binaries() {
  for b in "${node_binaries[@]}"; do [[ -x "${bin}/${b}" ]] || return 1; done
}
have_images() {
  for i in "${image_archives[@]}"; do [[ -s "${images}/${i}" ]] || return 1; done
}

# Debian packages the nodes need (installed as root when missing).
need_packages() {
  local missing=()
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  [[ -x /usr/lib/cni/bridge ]] || missing+=(containernetworking-plugins)
  command -v dnsmasq >/dev/null || missing+=(dnsmasq-base)
  command -v conntrack >/dev/null || missing+=(conntrack)
  command -v iptables >/dev/null || missing+=(iptables)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v nsenter >/dev/null || missing+=(util-linux)
  [[ -x /bin/busybox ]] || missing+=(busybox-static)
  command -v qperf >/dev/null || missing+=(qperf)
  command -v gcc >/dev/null || missing+=(gcc libc6-dev)
  command -v go >/dev/null || missing+=(golang-go)
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

# The Kubernetes tree from Debian's source package, with the reflect2 fix (see control-plane.sh),
# kept in ${cache}/src: the Go build cache keys on its path, so later builds reuse it.
source_tree() {
  local src="${cache}/src"
  if [[ -f "${src}/tree/.qperf-ready" ]]; then echo "${src}/tree"; return; fi
  rm -rf "${src}"
  mkdir -p "${src}/apt/lists/partial" "${src}/apt/cache/archives/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_uri) bookworm main" \
    > "${src}/apt/sources.list"
  local apt=(apt-get -q -o "Dir::Etc::SourceList=${src}/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=${src}/apt/lists" -o "Dir::Cache=${src}/apt/cache" -o APT::Sandbox::User=root)
  log "fetching Debian's kubernetes source package"
  "${apt[@]}" update >/dev/null
  (cd "${src}" && "${apt[@]}" source --download-only kubernetes >/dev/null)
  (cd "${src}" && dpkg-source -x --no-check kubernetes_*.dsc tree >/dev/null)
  local vendored="${src}/tree/vendor/github.com/modern-go/reflect2"
  rm -f "${vendored}"/*.go "${vendored}"/*.s
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go "${vendored}/"
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "${vendored}/" 2>/dev/null || true
  rm -f "${vendored}"/*_test.go
  rm -f "${src}"/*.tar.* "${src}"/*.dsc
  rm -rf "${src}/apt"
  touch "${src}/tree/.qperf-ready"
  echo "${src}/tree"
}

# Every Kubernetes binary not yet cached (the control plane's too, so that one tree and one Go cache
# serve them all), in one make.
build_binaries() {
  local all=(kube-apiserver kube-controller-manager kube-scheduler "${node_binaries[@]}") missing=() b
  for b in "${all[@]}"; do [[ -x "${bin}/${b}" ]] || missing+=("${b}"); done
  if ((${#missing[@]} == 0)); then log "binaries cached in ${bin}"; return 0; fi
  local tree; tree=$(source_tree)
  export GOPATH="${cache}/src/gopath" GOCACHE="${cache}/src/gocache"
  mkdir -p "${GOPATH}/src/k8s.io" "${bin}"
  ln -sfn "${tree}" "${GOPATH}/src/k8s.io/kubernetes"
  log "building ${missing[*]} (minutes on 2 cores; log: ${cache}/src/build.log)"
  local t0=${SECONDS}
  # kubelet with the same -installsuffix static as the other binaries, so the Go cache is shared.
  (cd "${GOPATH}/src/k8s.io/kubernetes" && GOPROXY=off GOFLAGS=-mod=vendor CGO_ENABLED=0 \
    KUBE_STATIC_OVERRIDES=kubelet make WHAT="${missing[*]/#/cmd/}" >"${cache}/src/build.log" 2>&1) \
    || die "build failed; see ${cache}/src/build.log"
  for b in "${missing[@]}"; do cp "${tree}/_output/local/bin/linux/amd64/${b}" "${bin}/"; done
  log "built ${missing[*]} in $((SECONDS - t0)) s, cached in ${bin}"
}

build_images() {
  if have_images; then log "images cached in ${images}"; return 0; fi
  local tree; tree=$(source_tree)
  mkdir -p "${images}"
  "${here}/images/build.sh" "${images}" "${tree}/build/pause/linux/pause.c"
}

build() {
  need_packages
  build_binaries
  build_images
}

check() {
  have_binaries || die "kubelet/kube-proxy not built in ${bin}: run 'test-infra/local-cluster.sh build' first (cold: several minutes)"
  have_images || die "images not built in ${images}: run 'test-infra/local-cluster.sh build' first"
  [[ -x "${bin}/kube-apiserver" ]] || die "control plane not built: run 'test-infra/control-plane.sh build' first"
}


# ---------------------------------------------------------------------------------------------------
# The cluster. Addresses: node i has bridge qpn<i> at 10.244.<i>.1/24 (its node IP and pod gateway);
# pods 10.244.0.0/16, Services 10.0.0.0/24 (control-plane.sh), cluster DNS 10.0.0.10 -> dnsmasq on
# 10.244.1.1. One cluster per host (the bridges, subnets and iptables chains are host-wide).
# Dual-stack, IPv4 first: pods also get an address in fd00:10:244:<i>::/64 (the bridge has ::1),
# Services asking for IPv6 one in fd00:10:96::/112; the nodes' own addresses are IPv4 only (the
# kubelet of Kubernetes 1.20 takes one node IP), so hostNetwork pods have no IPv6 address.
pod_range=10.244.0.0/16
service_range=10.0.0.0/24
pod_range6=fd00:10:244::/56
service_range6=fd00:10:96::/112
dual_stack_gate=IPv6DualStack=true
dns_ip=10.0.0.10
owner_file=/run/qperf-local-cluster
saved_sysctls=(net.ipv4.ip_forward net.ipv4.conf.all.route_localnet net.bridge.bridge-nf-call-iptables
  net.ipv6.conf.all.forwarding net.bridge.bridge-nf-call-ip6tables
  vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys
  kernel.keys.root_maxbytes)

k() { kubectl --kubeconfig "${dir}/kubeconfig" --request-timeout 10s "$@"; }
# Running, not a zombie: processes that outlive 'up' are reaped by PID 1 whenever it gets to it.
running() { local st; st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1); [[ -n "${st}" && "${st}" != Z ]]; }
alive() { [[ -f "$1" ]] && running "$(cat "$1")"; }

start() { # pidfile log command...: in its own session; records the PID
  local pidfile=$1 logfile=$2; shift 2
  setsid "$@" >>"${logfile}" 2>&1 < /dev/null &
  echo $! > "${pidfile}"
}

stop_pid() { # pidfile: TERM, then KILL after 5 s
  local pidfile=$1 pid
  [[ -f "${pidfile}" ]] || return 0
  pid=$(cat "${pidfile}")
  if running "${pid}"; then
    kill "${pid}" 2>/dev/null || true
    for _ in $(seq 1 50); do running "${pid}" || break; sleep 0.1; done
    kill -9 "${pid}" 2>/dev/null || true
  fi
  rm -f "${pidfile}"
}

node_cert() { # name CN O SAN(optional): signed by the control plane's CA
  local name=$1 cn=$2 org=$3 san=${4:-} subj
  subj="/CN=${cn}"; [[ -n "${org}" ]] && subj="/O=${org}${subj}"
  openssl req -new -newkey rsa:2048 -nodes -keyout "${name}.key" -out "${name}.csr" -subj "${subj}" 2>/dev/null
  if [[ -n "${san}" ]]; then
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "${san}" > "${name}.ext"
  else
    printf 'extendedKeyUsage=clientAuth\n' > "${name}.ext"
  fi
  openssl x509 -req -in "${name}.csr" -CA "${dir}/pki/ca.crt" -CAkey "${dir}/pki/ca.key" -CAcreateserial \
    -out "${name}.crt" -days 365 -extfile "${name}.ext" 2>/dev/null
  rm -f "${name}.csr" "${name}.ext"
}

client_kubeconfig() { # file cert-prefix
  local port; port=$(cat "${dir}/api-port")
  cat > "$1" <<KC
apiVersion: v1
kind: Config
clusters:
- cluster: {certificate-authority: ${dir}/pki/ca.crt, server: "https://127.0.0.1:${port}"}
  name: local
contexts:
- context: {cluster: local, user: user}
  name: local
current-context: local
users:
- name: user
  user: {client-certificate: $2.crt, client-key: $2.key}
KC
}

is_up() {
  [[ "$(cat "${dir}/state" 2>/dev/null)" == up ]] || return 1
  local f
  for f in "${dir}"/*.pid "${dir}"/nodes/*/*.pid "${dir}"/dns/*.pid; do
    [[ -e "${f}" ]] || continue
    alive "${f}" || return 1
  done
  k get --raw /readyz >/dev/null 2>&1
}

# Host-wide state, recorded once so that down can restore it.
host_setup() {
  local h="${dir}/host"
  mkdir -p "${h}"
  if [[ ! -f "${h}/sysctl.saved" ]]; then
    modprobe br_netfilter 2>/dev/null || true
    for s in "${saved_sysctls[@]}"; do
      [[ -e "/proc/sys/${s//.//}" ]] && echo "${s}=$(sysctl -n "${s}")"
    done > "${h}/sysctl.saved.new"
    mv "${h}/sysctl.saved.new" "${h}/sysctl.saved"
  fi
  for d in /var/lib/cni /run/containerd; do # mount points for the nodes' private copies
    if [[ ! -d "${d}" ]]; then mkdir -p "${d}"; echo "${d}" >> "${h}/created-dirs"; fi
  done
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 net.ipv6.conf.all.forwarding=1 \
    net.bridge.bridge-nf-call-ip6tables=1
  for i in $(seq 1 "${n}"); do
    ip link show "qpn${i}" >/dev/null 2>&1 || ip link add "qpn${i}" type bridge
    echo "qpn${i}" >> "${h}/bridges"
    ip addr replace "10.244.${i}.1/24" dev "qpn${i}"
    ip -6 addr replace "fd00:10:244:${i}::1/64" dev "qpn${i}" nodad
    ip link set "qpn${i}" up
  done
  # Nothing from a pod leaves the machine: pod traffic may only go to pods (Services are DNATed to
  # pods before FORWARD; the host itself, e.g. the DNS, is INPUT). REJECT, not DROP: a Service
  # without endpoints then refuses at once, as kube-proxy's own rule (which comes after) would.
  iptables -w -N QPERF-NODES 2>/dev/null || iptables -w -F QPERF-NODES
  iptables -w -A QPERF-NODES -s "${pod_range}" ! -d "${pod_range}" -j REJECT
  iptables -w -C FORWARD -j QPERF-NODES 2>/dev/null || iptables -w -I FORWARD 1 -j QPERF-NODES
  ip6tables -w -N QPERF-NODES 2>/dev/null || ip6tables -w -F QPERF-NODES
  ip6tables -w -A QPERF-NODES -s "${pod_range6}" ! -d "${pod_range6}" -j REJECT
  ip6tables -w -C FORWARD -j QPERF-NODES 2>/dev/null || ip6tables -w -I FORWARD 1 -j QPERF-NODES
  # Pods reach the API server (which listens on loopback only) at the kubernetes Service's address:
  # DNAT to 127.0.0.1, delivered locally because route_localnet is on. The API server publishes no
  # Endpoints for a loopback address, hence this rule ahead of kube-proxy's.
  local api_port; api_port=$(cat "${dir}/api-port")
  sysctl -qw net.ipv4.conf.all.route_localnet=1
  iptables -w -t nat -N QPERF-APISERVER 2>/dev/null || iptables -w -t nat -F QPERF-APISERVER
  iptables -w -t nat -A QPERF-APISERVER -s "${pod_range}" -d "${service_range%.0/24}.1" -p tcp --dport 443 \
    -j DNAT --to-destination "127.0.0.1:${api_port}"
  iptables -w -t nat -C PREROUTING -j QPERF-APISERVER 2>/dev/null || iptables -w -t nat -I PREROUTING 1 -j QPERF-APISERVER
}

node_files() { # i
  local i=$1 nd="${dir}/nodes/node-$1" ip="10.244.$1.1"
  mkdir -p "${nd}"/{varlog,cni-state,run-containerd,containerd/root,containerd/state,kubelet,cni,volume-plugins,pki,opt}
  mkdir -p "${nd}/certs.d/docker.io"
  (cd "${nd}/pki" && node_cert kubelet "system:node:node-${i}" system:nodes \
    && node_cert serving "node-${i}" "" "IP:${ip},DNS:node-${i}")
  client_kubeconfig "${nd}/kubelet.kubeconfig" "${nd}/pki/kubelet"
  # The node's own resolver (bind-mounted over /etc/resolv.conf in its mount namespace): a loopback
  # address nothing answers on, so an image pull of a name that is not here fails without a packet
  # leaving the machine. The pods' resolv.conf has no host resolver either.
  printf 'nameserver 127.0.0.254\n' > "${nd}/resolv.host"
  : > "${nd}/resolv.pods"
  printf 'server = "https://127.0.0.254:1"\n' > "${nd}/certs.d/docker.io/hosts.toml"
  cat > "${nd}/containerd.toml" <<EOT
version = 2
root = "${nd}/containerd/root"
state = "${nd}/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "${nd}/containerd.sock"
[ttrpc]
  address = "${nd}/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "${nd}/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "k8s.gcr.io/pause:3.2"
  restrict_oom_score_adj = true
  disable_apparmor = true
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        Root = "${nd}/containerd/runc"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${nd}/cni"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "${nd}/certs.d"
EOT
  cat > "${nd}/cni/10-qperf.conflist" <<EOT
{"cniVersion": "0.4.0", "name": "qperf-node-${i}", "plugins": [{
  "type": "bridge", "bridge": "qpn${i}", "isGateway": true, "ipMasq": false, "hairpinMode": true,
  "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.244.${i}.0/24", "gateway": "${ip}"}],
                                            [{"subnet": "fd00:10:244:${i}::/64", "gateway": "fd00:10:244:${i}::1"}]],
           "routes": [{"dst": "${pod_range}"}, {"dst": "${service_range}"}, {"dst": "${pod_range6}"},
                      {"dst": "${service_range6}"}]}}]}
EOT
  cat > "${nd}/kubelet.yaml" <<EOT
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: ${ip}
port: 10250
readOnlyPort: 0
healthzBindAddress: ${ip}
healthzPort: 10248
tlsCertFile: ${nd}/pki/serving.crt
tlsPrivateKeyFile: ${nd}/pki/serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: ${dir}/pki/ca.crt}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
cgroupRoot: /qperf-node-${i}
cgroupsPerQOS: true
clusterDNS: [${dns_ip}]
clusterDomain: cluster.local
resolvConf: ${nd}/resolv.pods
failSwapOn: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "50Mi", nodefs.available: "1%", imagefs.available: "1%"}
serializeImagePulls: false
volumePluginDir: ${nd}/volume-plugins
nodeStatusUpdateFrequency: 2s
rotateCertificates: false
featureGates: {IPv6DualStack: true}
EOT
}

cgroup_mkdirs() { # root: the kubelet checks that its cgroup root exists in every hierarchy
  local h
  for h in /sys/fs/cgroup/*/; do
    [[ -f "${h}cgroup.procs" ]] && mkdir -p "${h}${1#/}"
  done
}

start_node() { # i
  local i=$1 nd="${dir}/nodes/node-$1" holder
  node_files "${i}"
  cgroup_mkdirs "/qperf-node-${i}"
  # A mount namespace per node: kubelet hard-codes /var/log/pods, the CRI /var/lib/cni and
  # /run/containerd/s; each node gets its own, and every mount goes with the namespace.
  start "${nd}/holder.pid" "${nd}/holder.log" unshare -m --propagation private sleep infinity
  holder=$(cat "${nd}/holder.pid")
  for _ in $(seq 1 50); do
    [[ "$(readlink "/proc/${holder}/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ]] && break
    sleep 0.05
  done
  nsenter -t "${holder}" -m -- sh -ec "mount --bind '${nd}/varlog' /var/log
    mount --bind '${nd}/cni-state' /var/lib/cni
    mount --bind '${nd}/run-containerd' /run/containerd
    mount --bind '${nd}/resolv.host' /etc/resolv.conf"
  start "${nd}/containerd.pid" "${nd}/containerd.log" nsenter -t "${holder}" -m -- \
    containerd --config "${nd}/containerd.toml"
  local ctr=(ctr --address "${nd}/containerd.sock" -n k8s.io)
  for _ in $(seq 1 100); do "${ctr[@]}" version >/dev/null 2>&1 && break; sleep 0.1; done
  "${ctr[@]}" version >/dev/null 2>&1 || die "containerd of node-${i} did not start; see ${nd}/containerd.log"
  for img in "${image_archives[@]}"; do "${ctr[@]}" images import "${images}/${img}" >/dev/null; done
  start_kubelet "${i}"
}

start_kubelet() { # i: in the node's mount namespace (its holder process)
  local i=$1 nd="${dir}/nodes/node-$1"
  start "${nd}/kubelet.pid" "${nd}/kubelet.log" nsenter -t "$(cat "${nd}/holder.pid")" -m -- \
    "${bin}/kubelet" --config "${nd}/kubelet.yaml" --kubeconfig "${nd}/kubelet.kubeconfig" \
    --container-runtime remote --container-runtime-endpoint "unix://${nd}/containerd.sock" \
    --runtime-request-timeout 2m --hostname-override "node-${i}" --node-ip "10.244.${i}.1" \
    --root-dir "${nd}/kubelet" --cert-dir "${nd}/pki" --oom-score-adj 0 --v 1
}

start_proxy() {
  mkdir -p "${dir}/proxy"
  (cd "${dir}/proxy" && node_cert proxy system:kube-proxy "")
  client_kubeconfig "${dir}/proxy/kubeconfig" "${dir}/proxy/proxy"
  local hp mp
  hp=$(free_port); mp=$(free_port)
  # One for the host: all nodes share its network namespace. conntrack flags 0: leave the
  # kernel's conntrack sysctls alone.
  start "${dir}/proxy/kube-proxy.pid" "${dir}/proxy/kube-proxy.log" "${bin}/kube-proxy" \
    --kubeconfig "${dir}/proxy/kubeconfig" --hostname-override node-1 --proxy-mode iptables \
    --feature-gates "${dual_stack_gate}" --cluster-cidr "${pod_range},${pod_range6}" \
    --nodeport-addresses "${pod_range},${pod_range6}" \
    --conntrack-max-per-core 0 --conntrack-min 0 --conntrack-tcp-timeout-established 0 \
    --conntrack-tcp-timeout-close-wait 0 --oom-score-adj 0 \
    --healthz-bind-address "127.0.0.1:${hp}" --metrics-bind-address "127.0.0.1:${mp}"
}

free_port() {
  local port hex
  while :; do
    port=$(( 20000 + RANDOM % 40000 )); hex=$(printf '%04X' "${port}")
    grep -qs ":${hex} " /proc/net/tcp /proc/net/tcp6 || { echo "${port}"; return; }
  done
}

# The cluster DNS: dnsmasq (as root: DIR may be private to root) answers from a hosts directory (re-read on change by inotify), which a
# watch on Services and Endpoints rewrites: ClusterIP -> the VIP, headless -> the ready pod IPs.
start_dns() {
  mkdir -p "${dir}/dns/hosts"
  : > "${dir}/dns/hosts/cluster"
  start "${dir}/dns/dnsmasq.pid" "${dir}/dns/dnsmasq.log" dnsmasq --keep-in-foreground --conf-file=/dev/null \
    --user=root --no-resolv --no-hosts --no-poll --hostsdir="${dir}/dns/hosts" --listen-address=10.244.1.1 \
    --bind-interfaces --local=/cluster.local/ --domain-needed --pid-file= --log-facility=- --log-queries --local-ttl=0
  start "${dir}/dns/watch.pid" "${dir}/dns/watch.log" bash "${here}/$(basename "${BASH_SOURCE[0]}")" dns-watch "${dir}"
  k apply -f - >/dev/null <<EOT
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  clusterIP: ${dns_ip}
  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: kube-dns, namespace: kube-system}
subsets:
- addresses: [{ip: 10.244.1.1}]
  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]
EOT
}

dns_records() { # from the state of a dns_watch
  local key v ip a
  for key in "${!vip[@]}"; do
    v=${vip[${key}]}
    [[ -n "${v}" && "${v}" != None ]] && echo "${v} ${key#*/}.${key%%/*}.svc.cluster.local"
  done
  for key in "${!ips[@]}"; do
    [[ "${vip[${key}]:-}" == None ]] || continue
    IFS=, read -ra a <<< "${ips[${key}]}"
    for ip in "${a[@]}"; do [[ -n "${ip}" ]] && echo "${ip} ${key#*/}.${key%%/*}.svc.cluster.local"; done
  done
  return 0
}

# Each Service and Endpoints event updates the state and rewrites the records at once (no list call
# per event: a client created right after its server turns Ready must find the name).
dns_watch() {
  dir=$(realpath -m "${1:?}")
  local hosts="${dir}/dns/hosts" kind type ns name value
  while :; do
    {
      # --watch lists first (as ADDED events), then watches from that list's resourceVersion: no gap.
      k get services -A --watch --output-watch-events --request-timeout 0 -o go-template='S {{.type}} {{.object.metadata.namespace}} {{.object.metadata.name}} {{.object.spec.clusterIP}}{{"\n"}}' &
      k get endpoints -A --watch --output-watch-events --request-timeout 0 -o go-template='E {{.type}} {{.object.metadata.namespace}} {{.object.metadata.name}} {{range .object.subsets}}{{range .addresses}}{{.ip}},{{end}}{{end}}{{"\n"}}' &
      wait -n; kill $(jobs -p) 2>/dev/null; wait
    } | {
      declare -A vip=() ips=()
      while read -r kind type ns name value; do
        case "${kind}:${type}" in
          S:DELETED) unset "vip[${ns}/${name}]" ;;
          S:*) vip["${ns}/${name}"]=${value} ;;
          E:DELETED) unset "ips[${ns}/${name}]" ;;
          E:*) ips["${ns}/${name}"]=${value} ;;
          *) continue ;;
        esac
        dns_records > "${hosts}/.cluster.new" && mv "${hosts}/.cluster.new" "${hosts}/cluster"
      done
    }
    sleep 0.5
  done
}

wait_nodes_ready() {
  local t0=${SECONDS} ready
  while ((SECONDS - t0 < 90)); do
    ready=$(k get nodes -o go-template='{{range .items}}{{range .status.conditions}}{{if and (eq .type "Ready") (eq .status "True")}}x{{end}}{{end}}{{end}}' 2>/dev/null || true)
    [[ ${#ready} -eq ${n} ]] && return 0
    for i in $(seq 1 "${n}"); do
      for d in holder containerd kubelet; do
        if ! alive "${dir}/nodes/node-${i}/${d}.pid"; then
          # a Go panic's first lines (the reason), else the log's last lines
          { grep -m 8 -E '^(F[0-9]{4} |panic:|fatal error:)' "${dir}/nodes/node-${i}/${d}.log" \
            || tail -n 15 "${dir}/nodes/node-${i}/${d}.log"; } >&2 2>/dev/null || true
          die "${d} of node-${i} exited (the reason above); see ${dir}/nodes/node-${i}/${d}.log"
        fi
      done
    done
    sleep 0.2
  done
  die "nodes not Ready after 90 s; logs in ${dir}/nodes"
}

up() {
  dir=$(realpath -m "${1:?up needs a directory}")
  n=${2:-${QPERF_NODES:-2}}
  [[ $(id -u) -eq 0 ]] || die "run as root (containerd, bridges, iptables, cgroups)"
  # The kubelet binds unix sockets under DIR; a socket path has at most 107 bytes.
  local deepest="${dir}/nodes/node-${n}/kubelet/pod-resources/1234567890"
  ((${#deepest} <= 107)) \
    || die "${dir} is too long for the unix sockets the nodes make under it ($((${#deepest} - 107)) characters too many): choose a shorter directory"
  check
  need_packages
  if is_up; then log "already up"; echo "${dir}/kubeconfig"; return 0; fi
  local owner; owner=$(cat "${owner_file}" 2>/dev/null || true)
  if [[ -n "${owner}" && "${owner}" != "${dir}" && -f "${owner}/state" ]]; then
    die "another local cluster is up at ${owner}: run 'local-cluster.sh down ${owner}' first"
  fi
  if [[ -e "${dir}" ]]; then
    [[ -f "${dir}/.local-cluster" || -z "$(ls -A "${dir}")" ]] || die "${dir} is not empty and not a local cluster"
    [[ -f "${dir}/.local-cluster" ]] && down "${dir}"
  fi
  if iptables -w -S 2>/dev/null | grep -q -- '-N KUBE-' || iptables -w -t nat -S 2>/dev/null | grep -q -- '-N KUBE-'; then
    die "this host already has KUBE-* iptables chains (another Kubernetes node here?); not touching them"
  fi
  local t0=${SECONDS}
  # A failed start takes back what it started; the logs stay in DIR.
  trap 'log "up failed: removing what it started (logs stay in ${dir})"; down "${dir}"' EXIT
  mkdir -p "${dir}"
  find "${dir}" -mindepth 1 -delete
  touch "${dir}/.local-cluster"
  echo "${dir}" > "${owner_file}"
  echo starting > "${dir}/state"
  echo "${n}" > "${dir}/node-count"
  QPERF_SERVICE_RANGES="${service_range},${service_range6}" QPERF_FEATURE_GATES="${dual_stack_gate}" \
    "${here}/control-plane.sh" up "${dir}" >&2
  host_setup
  for i in $(seq 1 "${n}"); do start_node "${i}"; done
  wait_nodes_ready
  log "${n} nodes Ready after $((SECONDS - t0)) s"
  start_proxy
  start_dns
  for _ in $(seq 1 150); do
    iptables -w -t nat -S KUBE-SERVICES 2>/dev/null | grep -q "${dns_ip}/32" && break
    sleep 0.2
  done
  # The DNS through its Service VIP (kube-proxy's DNAT), as a pod asks it.
  for _ in $(seq 1 150); do
    busybox nslookup kube-dns.kube-system.svc.cluster.local "${dns_ip}" 2>/dev/null | grep -q "${dns_ip}" && break
    sleep 0.2
  done
  busybox nslookup kube-dns.kube-system.svc.cluster.local "${dns_ip}" 2>/dev/null | grep -q "${dns_ip}" \
    || die "the cluster DNS does not answer at ${dns_ip}; see ${dir}/proxy/kube-proxy.log and ${dir}/dns/"
  echo up > "${dir}/state"
  trap - EXIT
  log "up in $((SECONDS - t0)) s: KUBECONFIG=${dir}/kubeconfig"
  echo "${dir}/kubeconfig"
}

stop_node() { # i
  local nd="${dir}/nodes/node-$1" root="qperf-node-$1" holder_ns="" h pid
  stop_pid "${nd}/kubelet.pid"
  [[ -f "${nd}/holder.pid" ]] && holder_ns=$(readlink "/proc/$(cat "${nd}/holder.pid")/ns/mnt" 2>/dev/null || true)
  for _ in 1 2 3; do
    # the pods' processes: everything in the node's cgroups
    for h in /sys/fs/cgroup/*/"${root}"; do
      [[ -d "${h}" ]] && find "${h}" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    done
    # containerd and its shims: everything in the node's mount namespace
    if [[ -n "${holder_ns}" ]]; then
      for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        [[ "$(readlink "${p}/ns/mnt" 2>/dev/null)" == "${holder_ns}" && "${pid}" != "$(cat "${nd}/holder.pid")" ]] \
          && kill -9 "${pid}" 2>/dev/null || true
      done
    fi
    sleep 0.2
  done
  rm -f "${nd}/containerd.pid"
  stop_pid "${nd}/holder.pid"
  for _ in $(seq 1 50); do
    local left=0
    for h in /sys/fs/cgroup/*/"${root}"; do
      [[ -d "${h}" ]] || continue
      find "${h}" -depth -type d -exec rmdir {} + 2>/dev/null || true
      [[ -d "${h}" ]] && left=1
    done
    ((left)) || break
    sleep 0.1
  done
}

iptables_cleanup() { # every KUBE-*, CNI-* and QPERF-* chain, and the jumps to them
  local ipt table chain rule
  for ipt in iptables ip6tables; do
    for table in filter nat mangle; do
      "${ipt}" -w -t "${table}" -S 2>/dev/null | grep -E -- '^-A [A-Z]+ .*-j (KUBE-|CNI-|QPERF-)' \
        | grep -E -- '^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) ' | while read -r rule; do
          eval "${ipt} -w -t ${table} ${rule/-A /-D }" 2>/dev/null || true
        done || true
      for chain in $("${ipt}" -w -t "${table}" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^(KUBE-|CNI-|QPERF-)/ {print $2}'); do
        "${ipt}" -w -t "${table}" -F "${chain}" 2>/dev/null || true
      done
      for chain in $("${ipt}" -w -t "${table}" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^(KUBE-|CNI-|QPERF-)/ {print $2}'); do
        "${ipt}" -w -t "${table}" -X "${chain}" 2>/dev/null || true
      done
    done
  done
}

down() {
  dir=$(realpath -m "${1:?down needs a directory}")
  [[ -f "${dir}/.local-cluster" ]] || { log "${dir} is not a local cluster; nothing to do"; return 0; }
  local t0=${SECONDS}
  if [[ -f "${dir}/dns/watch.pid" ]]; then
    kill -- "-$(cat "${dir}/dns/watch.pid")" 2>/dev/null || true # its session: the script and its kubectls
    rm -f "${dir}/dns/watch.pid"
  fi
  stop_pid "${dir}/dns/dnsmasq.pid"
  stop_pid "${dir}/proxy/kube-proxy.pid"
  local count; count=$(cat "${dir}/node-count" 2>/dev/null || echo 0)
  for i in $(seq 1 "${count}"); do stop_node "${i}"; done
  "${here}/control-plane.sh" down "${dir}" >&2 || true
  if [[ -f "${dir}/host/sysctl.saved" ]]; then
    "${bin}/kube-proxy" --cleanup >/dev/null 2>&1 || true
    iptables_cleanup
    if [[ -f "${dir}/host/bridges" ]]; then
      sort -u "${dir}/host/bridges" | while read -r br; do ip link del "${br}" 2>/dev/null || true; done
    fi
    while IFS='=' read -r key value; do sysctl -qw "${key}=${value}" || log "could not restore ${key}"; done \
      < "${dir}/host/sysctl.saved"
    if [[ -f "${dir}/host/created-dirs" ]]; then
      while read -r d; do rmdir "${d}" 2>/dev/null || true; done < "${dir}/host/created-dirs"
    fi
    rm -rf "${dir}/host"
  fi
  [[ "$(cat "${owner_file}" 2>/dev/null)" == "${dir}" ]] && rm -f "${owner_file}"
  echo down > "${dir}/state"
  log "down in $((SECONDS - t0)) s"
}

import_image() { # DIR TAR
  dir=$(realpath -m "${1:?}")
  local count; count=$(cat "${dir}/node-count")
  for i in $(seq 1 "${count}"); do
    ctr --address "${dir}/nodes/node-${i}/containerd.sock" -n k8s.io images import "${2:?import needs a tar}" >/dev/null
  done
}

[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0 # sourced: functions only
kubelet_verb() { # stop|start DIR I
  dir=$(realpath -m "${2:?needs the cluster directory}")
  local i=${3:?needs a node number} nd
  nd="${dir}/nodes/node-${i}"
  [[ -f "${nd}/holder.pid" ]] && alive "${nd}/holder.pid" || die "node-${i} of ${dir} is not up"
  if [[ "$1" == stop ]]; then
    stop_pid "${nd}/kubelet.pid"
    log "node-${i}: kubelet stopped"
  elif alive "${nd}/kubelet.pid"; then
    log "node-${i}: kubelet already running"
  else
    start_kubelet "${i}"
    log "node-${i}: kubelet started"
  fi
}

case "${1:-}" in
  build) build ;;
  build-binaries) need_packages; build_binaries ;;
  build-images) need_packages; build_images ;;
  check) check ;;
  up) up "${2:-}" "${3:-}" ;;
  down) down "${2:-}" ;;
  import) import_image "${2:-}" "${3:-}" ;;
  dns-watch) dns_watch "${2:-}" ;;
  stop-kubelet) kubelet_verb stop "${2:-}" "${3:-}" ;;
  start-kubelet) kubelet_verb start "${2:-}" "${3:-}" ;;
  *) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 2 ;;
esac
