# shellcheck shell=bash
# docker_archive OUT_TAR TAG ROOTFS CONFIG_JSON: ROOTFS as a one-layer image in a docker-archive tar
# (what 'ctr images import' and 'docker load' read), reproducible: sorted, owned by root, mtime 0.
# No daemon, no registry, no base image. Sourced by the image builders.
docker_archive() {
  local out=$1 tag=$2 rootfs=$3 config=$4 a sha_diff sha_cfg
  a=$(mktemp -d)
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "${rootfs}" -cf "${a}/layer.tar" .
  sha_diff=$(sha256sum "${a}/layer.tar" | cut -d' ' -f1)
  mkdir -p "${a}/${sha_diff}"
  mv "${a}/layer.tar" "${a}/${sha_diff}/layer.tar"
  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "${config}" "${sha_diff}" > "${a}/config.json"
  sha_cfg=$(sha256sum "${a}/config.json" | cut -d' ' -f1)
  mv "${a}/config.json" "${a}/${sha_cfg}.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "${sha_cfg}" "${tag}" "${sha_diff}" \
    > "${a}/manifest.json"
  tar --mtime=@0 --owner=0 --group=0 --numeric-owner -C "${a}" -cf "${out}.new" \
    manifest.json "${sha_cfg}.json" "${sha_diff}/layer.tar"
  mv "${out}.new" "${out}"
  rm -rf "${a}"
  printf 'image: %s: %s (config sha256:%s)\n' "${out}" "${tag}" "${sha_cfg}" >&2
}

# add_libraries ROOTFS FILE...: the shared libraries ldd lists for each FILE, copied under ROOTFS at
# their own paths (symlinks followed); those already inside ROOTFS are left alone.
add_libraries() {
  local root=$1 f lib
  shift
  for f in "$@"; do
    for lib in $(ldd "${f}" 2>/dev/null | grep -o '/[^ ]*' | grep -v "^${root}/"); do
      [[ -e "${root}${lib}" ]] && continue
      mkdir -p "${root}$(dirname "${lib}")"
      cp -L "${lib}" "${root}${lib}"
    done
  done
}
