#!/usr/bin/env bash
# Re-renders the CRDs in crd/ (qperves…, qperfmatrices…, qperfschedules….yaml) from the model after a model change.
set -euo pipefail
cd "$(dirname "$0")/.."
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q install -DskipTests -pl crd -am
mvn -B -q -pl crd dependency:build-classpath -Dmdep.outputFile="$cpfile"
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "crd/target/classes:$(cat "$cpfile")" \
  dev.kubectlqperf.crd.CrdRenderer crd
