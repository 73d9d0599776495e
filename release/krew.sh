#!/usr/bin/env bash
# The release archive and its krew manifest (plugins/qperf.yaml in krew-index), from the jar built
# by 'mvn -DskipTests package':
#   release/krew.sh VERSION [URL_BASE]
# writes target/release/kubectl-qperf-VERSION.tar.gz (kubectl-qperf, kubectl_complete-qperf, the jar,
# LICENSE if any) and target/release/qperf.yaml, whose uri is URL_BASE/kubectl-qperf-VERSION.tar.gz
# (default: the project's GitHub release for vVERSION) and whose sha256 is the archive's.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: release/krew.sh VERSION [URL_BASE]}
[[ "${version}" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "krew.sh: VERSION must be X.Y.Z, not ${version}" >&2; exit 2; }
base=${2:-https://github.com/kubectl-qperf/kubectl-qperf/releases/download/v${version}}
jar=plugin/target/kubectl-qperf.jar
[[ -f "${jar}" ]] || { echo "krew.sh: ${jar} is missing: run 'mvn -DskipTests package' first" >&2; exit 1; }
out=target/release
name="kubectl-qperf-${version}"
stage=$(mktemp -d)
trap 'rm -rf "${stage}"' EXIT
mkdir -p "${out}" "${stage}/${name}"
install -m 0755 release/krew-launcher.sh "${stage}/${name}/kubectl-qperf"
install -m 0755 plugin/src/main/sh/kubectl_complete-qperf "${stage}/${name}/kubectl_complete-qperf"
install -m 0644 "${jar}" "${stage}/${name}/kubectl-qperf.jar"
[[ -f LICENSE ]] && install -m 0644 LICENSE "${stage}/${name}/LICENSE"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "${stage}" -czf "${out}/${name}.tar.gz" "${name}"
sha=$(sha256sum "${out}/${name}.tar.gz" | cut -d' ' -f1)
platform() { # OS ARCH: the archive is the same everywhere a Java 21+ runs
  cat <<P
  - selector:
      matchLabels:
        os: $1
        arch: $2
    uri: ${base}/${name}.tar.gz
    sha256: ${sha}
    bin: kubectl-qperf
    files:
      - from: ${name}/*
        to: .
P
}
{
  cat <<M
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: qperf
spec:
  version: v${version}
  homepage: https://github.com/kubectl-qperf/kubectl-qperf
  shortDescription: Measure bandwidth and latency between pods with qperf
  description: |
    Creates, follows, compares and deletes qperf benchmarks between pods (Kubestone-compatible
    Qperf resources) and prints their parsed results. Needs Java 21 or newer, and the pipeline
    running in the cluster (kubectl apply -k deploy/cluster-wide) or locally (install.sh).
  caveats: |
    kubectl-qperf runs on Java 21+: set JAVA_HOME or put java on PATH.
  platforms:
M
  for os in linux darwin; do for arch in amd64 arm64; do platform "${os}" "${arch}"; done; done
} > "${out}/qperf.yaml"
echo "${out}/${name}.tar.gz (sha256 ${sha})"
echo "${out}/qperf.yaml"
