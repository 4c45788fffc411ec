#!/usr/bin/env bash
# Regenerates benchmarks/results/results.md, results.png and the README's Performance table
# (between its performance:table markers) from one run's data. Builds through the reactor; installs
# nothing into ~/.m2.
#   benchmarks/run.sh            full run (paired per-call batches, 1M-entity walk, cold starts)
#   benchmarks/run.sh --smoke    one short pass of everything (< 1 min), written to target/smoke/;
#                                the README is left alone
# Extra Maven flags (e.g. -o) may be passed in MAVEN_ARGS; SKIP_BUILD=1 reuses the last build.
#   benchmarks/run.sh --tracker [--pairs N] [--events N] [--warmup N] [--window S]
#                                the tracker's paired figures only (ABAB…, ~10 min)
#                                → benchmarks/results/tracker.md
# For a profile of one call path, run the JMH class directly, e.g.
#   java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
#     org.openjdk.jmh.Main ApiCallBenchmark.wrapperGet -prof gc -prof jfr
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B ${MAVEN_ARGS:-} -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
if [[ "${1:-}" == "--tracker" ]]; then
  exec java -cp "$cp" com.oursprivacy.benchmarks.TrackerBench "${@:2}" --out benchmarks/results
fi
if [[ "${1:-}" == "--smoke" ]]; then
  exec java -cp "$cp" com.oursprivacy.benchmarks.Suite "$@" --out benchmarks/target/smoke
fi
echo "[benchmarks] uptime before: $(uptime)" >&2
java -cp "$cp" com.oursprivacy.benchmarks.Suite "$@" --out benchmarks/results --readme README.md
echo "[benchmarks] uptime after: $(uptime)" >&2
