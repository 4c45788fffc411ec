#!/usr/bin/env bash
# Regenerates benchmarks/results/results.md and results.png (about 10 minutes on 2 cores).
#   benchmarks/run.sh            full run: installs the SDK, builds this module, measures
#   benchmarks/run.sh --smoke    one short iteration of everything (< 1 min), written to target/smoke/
# Extra Maven flags (e.g. -o) may be passed in MAVEN_ARGS; SKIP_INSTALL=1 reuses the installed SDK.
#   benchmarks/run.sh --tracker [--pairs N] [--events N] [--window S]
#                                the tracker's paired figures only (ABAB…, ~10 min), built through
#                                the reactor without installing anything → benchmarks/results/tracker.md
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--tracker" ]]; then
  ./mvnw -q -B ${MAVEN_ARGS:-} -Pbenchmarks -pl benchmarks -am package -DskipTests
  exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    com.oursprivacy.benchmarks.TrackerBench "${@:2}" --out benchmarks/results
fi
if [[ "${SKIP_INSTALL:-0}" != 1 ]]; then
  ./mvnw -q -B ${MAVEN_ARGS:-} install -DskipTests
fi
./mvnw -q -B ${MAVEN_ARGS:-} -Pbenchmarks -pl benchmarks package
out=benchmarks/results
if [[ "${1:-}" == "--smoke" ]]; then out=benchmarks/target/smoke; fi
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  com.oursprivacy.benchmarks.Suite "$@" --out "$out"
