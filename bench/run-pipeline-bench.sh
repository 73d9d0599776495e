#!/usr/bin/env bash
# Builds the pipeline and runs one of its benchmark classes (pipeline/src/test/.../bench) on the
# test classpath. Used by bench/pipeline.sh and bench/sinks.sh.
#   bench/run-pipeline-bench.sh CLASS [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q install -DskipTests -pl pipeline -am
mvn -B -q -pl pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
"$JAVA_HOME/bin/java" -Xmx1g -Djava.util.logging.config.file=.mvn/test-logging.properties \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "pipeline/target/test-classes:pipeline/target/classes:$(cat "$cpfile")" \
  "dev.kubectlqperf.pipeline.bench.$1" "${@:2}"
