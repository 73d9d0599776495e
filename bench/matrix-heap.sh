#!/usr/bin/env bash
# The pipeline's heap for one ended QperfMatrix over NODES nodes (default 100: 9 900 pairs): the
# plan, the children and their client pods as the informers cache them, the status; against the
# heap before and one single run. Builds the pipeline's test classes offline (shared-model from the
# reactor), then runs MatrixHeapBench with a fixed heap and the pipeline's collector.
# Further node counts print only the size of the status the summarizer computes for them.
# HEAP (default 1g) is the fixed heap: 200 nodes need more.
#   [HEAP=2g] bench/matrix-heap.sh [NODES] [STATUS_NODES...]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -o test-compile dependency:build-classpath -pl pipeline -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cpfile" >/dev/null
"$JAVA_HOME/bin/java" -Xmx"${HEAP:-1g}" -Xms"${HEAP:-1g}" -XX:+UseSerialGC -XX:SoftRefLRUPolicyMSPerMB=0 \
  -Djava.util.logging.config.file=.mvn/test-logging.properties \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "pipeline/target/test-classes:pipeline/target/classes:$(cat "$cpfile")" \
  dev.kubectlqperf.pipeline.matrix.MatrixHeapBench "${1:-100}" "${@:2}"
