#!/usr/bin/env bash
# How long the matrix planner takes for a big cluster (default 1000 nodes, 5 runs each, the first
# one cold). Builds shared-model's test classes, then runs MatrixPlannerBench.
#   bench/matrix-planner.sh [NODES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -o -pl shared-model test-compile
mvn -B -q -o -pl shared-model dependency:build-classpath -Dmdep.outputFile="$cpfile"
"$JAVA_HOME/bin/java" -cp "shared-model/target/classes:shared-model/target/test-classes:$(cat "$cpfile")" \
  dev.kubectlqperf.model.matrix.MatrixPlannerBench "${1:-1000}" "${2:-5}"
