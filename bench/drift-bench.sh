#!/usr/bin/env bash
# make bench-drift: the same table (ROWS reference and current rows x 20 numeric features, 5 shifted by 0.3 sigma)
# judged by Evidently 0.7.23's DataDriftPreset and by mlcycle's drift path (trainer reference profile, 4 runtime pods
# sketching the current rows, the operator merging and judging them; bench/drift), one after the other on this
# machine. Writes bench/results/drift.md. About 2-3 minutes at the default 1,000,000 rows (Evidently is most of it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${BENCH_RESULTS:-$ROOT/bench/results/drift.md}
ROWS=${ROWS:-1000000}
# The trainer holds the reference rows (80 MB at 1M x 20); the runtime pods and the operator only sketches.
REFERENCE_HEAP=${REFERENCE_HEAP:-256m}
WINDOW_HEAP=${WINDOW_HEAP:-128m}
WORK=$(mktemp -d /tmp/mlcycle-drift-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
log() { echo "[bench-drift $(date -u +%T)] $*" >&2; }
PY_DIR=$ROOT/bench/drift/src/main/python
JAR=$ROOT/bench/drift/target/mlcycle-drift-bench-0.1.0-SNAPSHOT.jar

[[ -f $JAR ]] || { log "packaging bench/drift"; (cd "$ROOT" && mvn -q -B -ntp -pl bench/drift -am install -DskipTests); }
log "the Evidently virtualenv"
PYTHON=$(bash "$ROOT/inference-runtime/src/test/python/setup-venv.sh" evidently-0.7.23 evidently==0.7.23 pandas==2.2.3 | tail -n1)
log "writing the table: $ROWS rows each"
"$PYTHON" "$PY_DIR/drift_tables.py" bench "$WORK/table" "$ROWS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench() { # HEAP MODE ARGS...
  local heap=$1; shift
  java -Xmx"$heap" -Dorg.jboss.logging.provider=slf4j -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$JAR" "$@"
}
log "mlcycle: the trainer's reference profile (-Xmx$REFERENCE_HEAP)"
bench "$REFERENCE_HEAP" reference "$WORK/table" "$WORK/profile.json" "$WORK/reference.json"
log "mlcycle: 4 runtime pods sketch the current rows, the operator judges the merged window (-Xmx$WINDOW_HEAP)"
bench "$WINDOW_HEAP" window "$WORK/table" "$WORK/profile.json" "$WORK/window.json"
log "Evidently DataDriftPreset"
"$PYTHON" "$PY_DIR/evidently_drift.py" "$WORK/table" > "$WORK/evidently.json"
machine="$(getconf _NPROCESSORS_ONLN) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB"
"$PYTHON" "$PY_DIR/drift_report.py" "$WORK/reference.json" "$WORK/window.json" "$WORK/evidently.json" \
  --command "make bench-drift (ROWS=$ROWS)" --machine "$machine" \
  --load "before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT"
log "wrote $OUT"
cat "$OUT"
