#!/usr/bin/env bash
# Regenerates docs/benchmarks.md from scratch: builds the modules (tests skipped), then runs the
# build-time, start-up, hot-path and `yoi mcp serve` benchmarks and writes the report.
#
#   benchmarks/run.sh            the full run: N = 100, 1,000, 10,000; 5 runs each (< 20 min on 2 cores)
#   benchmarks/run.sh --quick    N = 1,000 only; 2 runs, no warm-up runs; a short JMH run (< 3 min): a smoke test
#
# Any other arguments go to dev.yoi.bench.Bench (--sizes, --runs, --skip build,startup,hotpath,mcp,bridge,
# --report FILE, --analysis FILE). Needs JDK 17 and Maven. No benchmark runs in `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Offline first (fast when the local repository already holds every dependency); if anything is
# missing there, the same build again with downloads from Maven Central.
build=(mvn -B -q -pl benchmarks -am package -DskipTests
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
echo "building the modules (tests skipped)..."
"${build[@]}" -o >/dev/null 2>&1 || "${build[@]}"

CP="$PWD/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java -cp "$CP" dev.yoi.bench.Bench --classpath-file benchmarks/target/classpath.txt \
  --analysis benchmarks/analysis.md "$@"
