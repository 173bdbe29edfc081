#!/usr/bin/env bash
# Regenerates docs/benchmarks.md from scratch: builds the modules (tests skipped), then runs the
# build-time, start-up and hot-path benchmarks and writes the report.
#
#   benchmarks/run.sh            the full run: N = 100, 1,000, 10,000; 5 runs each (< 20 min on 2 cores)
#   benchmarks/run.sh --quick    N = 100, 1,000; 2 runs, no warm-up runs; a short JMH run (< 3 min): a smoke test
#
# Any other arguments go to dev.yoi.bench.Bench (--sizes, --runs, --skip build,startup,hotpath,
# --report FILE, --analysis FILE). Needs JDK 17 and Maven. No benchmark runs in `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Offline when the local repository already holds the dependencies (as on the project's
# machines); set YOI_BENCH_OFFLINE=0 to let Maven download them on a fresh one.
MVN_FLAGS=(-B -q)
if [[ "${YOI_BENCH_OFFLINE:-}" == 1 || ( -z "${YOI_BENCH_OFFLINE:-}" && -d "$HOME/.m2/repository/org/openjdk/jmh/jmh-core" ) ]]; then
  MVN_FLAGS+=(-o)
fi

echo "building the modules (tests skipped)..."
mvn "${MVN_FLAGS[@]}" -pl benchmarks -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

CP="$PWD/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java -cp "$CP" dev.yoi.bench.Bench --classpath-file benchmarks/target/classpath.txt \
  --analysis benchmarks/analysis.md "$@"
