#!/usr/bin/env bash
# The load harness (docs/performance.md): builds the launcher and the bench module, then offers
# StatsD load to mosaic and to Etsy StatsD 0.9.0 (installed with npm into bench/target/etsy when
# missing) and prints a table. --systems=sink measures the load generator alone (both senders).
# Options: bench/run-load.sh --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -pl launcher,bench -am package -DskipTests >&2
fi
exec java ${HARNESS_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  dev.mosaic.bench.load.LoadHarness "$@"
