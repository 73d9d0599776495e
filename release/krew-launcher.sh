#!/usr/bin/env bash
# kubectl-qperf as krew installs it: the jar beside this script, run by the Java 21+ that JAVA_HOME
# names or that is on PATH (install.sh's launcher, with its warm helper, is the faster way).
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
java="${JAVA_HOME:+${JAVA_HOME}/bin/}java"
if ! command -v "${java}" >/dev/null; then
  echo "kubectl-qperf needs Java 21 or newer: install a JDK or JRE (e.g. apt-get install openjdk-21-jre-headless) or set JAVA_HOME" >&2
  exit 1
fi
exec "${java}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xlog:disable -Xlog:all=error:stderr \
  -jar "${here}/kubectl-qperf.jar" "$@"
