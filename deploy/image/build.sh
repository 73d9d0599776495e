#!/usr/bin/env bash
# Builds the pipeline image without a daemon, a registry or a base image: a JRE made by jlink from
# the JDK here, the C libraries it links, and the pipeline jar; written as a docker-archive tar.
#
#   deploy/image/build.sh OUT.tar [JAR]     JAR: pipeline/target/qperf-pipeline.jar ('mvn package' first)
#
# Import it where the nodes' runtime reads it: ctr -n k8s.io images import OUT.tar (containerd),
# docker load < OUT.tar. The tag is the one deploy/base/deployment.yaml names.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=docker-archive.sh
. "${here}/docker-archive.sh"

out=$(realpath -m "${1:?usage: build.sh OUT.tar [JAR]}")
mkdir -p "$(dirname "${out}")"
jar=$(realpath "${2:-${here}/../../pipeline/target/qperf-pipeline.jar}")
tag=docker.io/kubectl-qperf/qperf-pipeline:0.1.0
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[[ -x "${jdk}/bin/jlink" ]] || { echo "build.sh: no jlink in ${jdk}: set JAVA_HOME to a JDK 21+" >&2; exit 1; }
[[ -f "${jar}" ]] || { echo "build.sh: ${jar} is missing: run 'mvn -DskipTests package' first" >&2; exit 1; }

if [[ "${out}" -nt "${jar}" && "${out}" -nt "${BASH_SOURCE[0]}" ]]; then
  echo "image: ${out} is newer than ${jar}: up to date" >&2
  exit 0
fi

# What 'jdeps --print-module-deps' finds in the jar (a minute and a half to compute, so kept here),
# plus the EC ciphers for TLS to the API server.
modules=java.base,java.compiler,java.desktop,java.management,java.naming,java.net.http,java.rmi,java.sql
modules+=,jdk.jfr,jdk.unsupported,jdk.crypto.ec

work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT
root="${work}/root"
mkdir -p "${root}"/{etc,tmp,opt/qperf}
chmod 1777 "${root}/tmp"
"${jdk}/bin/jlink" --add-modules "${modules}" --strip-debug --compress=zip-6 --no-header-files --no-man-pages \
  --output "${root}/opt/java"
add_libraries "${root}" "${root}"/opt/java/bin/java "${root}"/opt/java/lib/*.so "${root}"/opt/java/lib/server/*.so
cp "${jar}" "${root}/opt/qperf/qperf-pipeline.jar"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "${root}/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "${root}/etc/group"
printf 'hosts: files dns\n' > "${root}/etc/nsswitch.conf"
# Netty and Camel call sun.misc.Unsafe, which JDK 24+ warns about at every start.
unsafe=""
(( $("${jdk}/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}') >= 24 )) \
  && unsafe='"--sun-misc-unsafe-memory-access=allow",'
docker_archive "${out}" "${tag}" "${root}" \
  '{"User":"65532:65532","Env":["PATH=/opt/java/bin","JAVA_HOME=/opt/java"],"Entrypoint":["/opt/java/bin/java",'"${unsafe}"'"-jar","/opt/qperf/qperf-pipeline.jar"],"WorkingDir":"/tmp"}'
