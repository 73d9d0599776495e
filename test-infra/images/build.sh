#!/usr/bin/env bash
# Builds the images the local cluster runs, as docker-archive tars (no registry, no daemon):
#   OUT/pause.tar  k8s.gcr.io/pause:3.2 (kubelet 1.20's default sandbox image), from the Kubernetes
#                  tree's build/pause/linux/pause.c, statically linked
#   OUT/qperf.tar  docker.io/xridge/qperf:0.4.11-r0 (Kubestone's sample image name): Debian's qperf,
#                  the libraries ldd lists, and busybox for sh/grep (the server's readiness check)
#
#   test-infra/images/build.sh OUT PAUSE_C
# Import with: ctr -n k8s.io images import OUT/qperf.tar
set -euo pipefail

out=$(realpath -m "${1:?usage: build.sh OUT PAUSE_C}")
pause_c=${2:?usage: build.sh OUT PAUSE_C}
log() { printf 'images: %s\n' "$*" >&2; }

work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT
mkdir -p "${out}"

sha() { sha256sum "$1" | cut -d' ' -f1; }

# archive NAME TAG ROOTFS CONFIG_JSON_FRAGMENT: a one-layer docker-archive at OUT/NAME.tar
archive() {
  local name=$1 tag=$2 rootfs=$3 config=$4
  local a="${work}/${name}-archive"
  mkdir -p "${a}"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "${rootfs}" -cf "${a}/layer.tar" .
  local diff; diff=$(sha "${a}/layer.tar")
  mkdir -p "${a}/${diff}"
  mv "${a}/layer.tar" "${a}/${diff}/layer.tar"
  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "${config}" "${diff}" > "${a}/config.json"
  local cfg; cfg=$(sha "${a}/config.json")
  mv "${a}/config.json" "${a}/${cfg}.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "${cfg}" "${tag}" "${diff}" \
    > "${a}/manifest.json"
  tar --mtime=@0 --owner=0 --group=0 --numeric-owner -C "${a}" -cf "${out}/${name}.tar.new" \
    manifest.json "${cfg}.json" "${diff}/layer.tar"
  mv "${out}/${name}.tar.new" "${out}/${name}.tar"
  log "${out}/${name}.tar: ${tag} (config sha256:${cfg})"
}

# pause
p="${work}/pause-root"
mkdir -p "${p}"
gcc -Os -static -Wall -Werror -DVERSION=v3.2-qperf -o "${p}/pause" "${pause_c}"
strip "${p}/pause"
archive pause k8s.gcr.io/pause:3.2 "${p}" '{"Entrypoint":["/pause"],"User":"65535:65535"}'

# qperf
q="${work}/qperf-root"
mkdir -p "${q}"/{bin,etc,tmp,usr/bin}
chmod 1777 "${q}/tmp"
copy() { # a file at the same path in the rootfs, symlinks followed
  mkdir -p "${q}$(dirname "$1")"
  cp -L "$1" "${q}$1"
}
qperf=$(command -v qperf)
copy "${qperf}"
[[ "${qperf}" == /usr/bin/qperf ]] || ln -sf "${qperf}" "${q}/usr/bin/qperf"
for lib in $(ldd "${qperf}" | grep -o '/[^ ]*'); do copy "${lib}"; done
cp /bin/busybox "${q}/bin/busybox"
for applet in $(/bin/busybox --list); do
  [[ -e "${q}/bin/${applet}" ]] || ln -s busybox "${q}/bin/${applet}"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "${q}/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "${q}/etc/group"
printf 'hosts: files dns\n' > "${q}/etc/nsswitch.conf"
archive qperf docker.io/xridge/qperf:0.4.11-r0 "${q}" \
  '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["qperf"]}'
