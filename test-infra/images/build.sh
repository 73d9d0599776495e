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

work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT
mkdir -p "${out}"

# shellcheck source=../../deploy/image/docker-archive.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../deploy/image/docker-archive.sh"
archive() { docker_archive "${out}/$1.tar" "$2" "$3" "$4"; } # NAME TAG ROOTFS CONFIG_JSON

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
qperf=$(command -v qperf)
mkdir -p "${q}$(dirname "${qperf}")"
cp -L "${qperf}" "${q}${qperf}"
[[ "${qperf}" == /usr/bin/qperf ]] || ln -sf "${qperf}" "${q}/usr/bin/qperf"
add_libraries "${q}" "${qperf}"
cp /bin/busybox "${q}/bin/busybox"
for applet in $(/bin/busybox --list); do
  [[ -e "${q}/bin/${applet}" ]] || ln -s busybox "${q}/bin/${applet}"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "${q}/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "${q}/etc/group"
printf 'hosts: files dns\n' > "${q}/etc/nsswitch.conf"
archive qperf docker.io/xridge/qperf:0.4.11-r0 "${q}" \
  '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["qperf"]}'
