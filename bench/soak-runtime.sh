#!/usr/bin/env bash
# The inference runtime's soak: SOAK_SECONDS (default 600) of open-loop REST load at 70% of the measured saturation,
# on loopback, first with batching off, then on (max 32 rows, 1 ms), on the benchmark's XGBoost model. Samples the
# server's RSS, heap after a full GC (jcmd), live threads and open file descriptors every SOAK_SAMPLE seconds (60)
# and counts errors by reason. Writes bench/results/soak.md. Not part of CI: run it as `make soak-runtime`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OUT=${SOAK_RESULTS:-$ROOT/bench/results/soak.md}
SOAK_SECONDS=${SOAK_SECONDS:-600}
SAMPLE_EVERY=${SOAK_SAMPLE:-60}
CONCURRENCY=32
FEATURES=8 TREES=100
command -v jcmd >/dev/null || { log "jcmd (a JDK) is needed for heap-after-GC samples"; exit 1; }

# sample LABEL: one row of the server's footprint; heap after a full GC, so only what is really retained counts
sample() {
  local pid=$RUNTIME_PID rss threads fds heap
  local gc=""
  jcmd "$pid" GC.run >/dev/null 2>&1 || gc=" (GC.run failed: before GC)"
  rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
  threads=$(ls "/proc/$pid/task" | wc -l)
  fds=$(ls "/proc/$pid/fd" | wc -l)
  heap=$(curl -s "http://127.0.0.1:$HTTP/q/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {s += $NF} END {printf "%.1f", s / 1048576}')
  echo "| $1 | $rss | $heap$gc | $threads | $fds |"
}

log "training the model (xgboost4j, $FEATURES features, $TREES trees)"
SHA=$(bench train "$WORK/model" $FEATURES $TREES | sed 's/sha256=//')
SECTIONS=()
for batch in 1 32; do
  label=$([[ $batch == 1 ]] && echo "batching off" || echo "batching on (max 32 rows, 1 ms)")
  log "soak, $label: measuring saturation"
  start_runtime "$batch"
  REST=http://127.0.0.1:$HTTP/v2/models/$MODEL/infer
  bench closed rest "$REST" "$CONCURRENCY" 5 >/dev/null   # warm-up
  sat=$(bench closed rest "$REST" "$CONCURRENCY" 10)
  rate=$(sed -E 's/.*throughput=([0-9.]+).*/\1/' <<<"$sat" | awk '{printf "%.0f", $1*0.7}')
  log "soak, $label: $rate req/s for $SOAK_SECONDS s (saturation: $sat)"
  rows=("$(sample "start (after warm-up and saturation)")")
  bench open rest "$REST" "$rate" "$SOAK_SECONDS" >"$WORK/soak-$batch.txt" &
  load=$!
  PIDS+=("$load")
  for ((t = SAMPLE_EVERY; t < SOAK_SECONDS; t += SAMPLE_EVERY)); do
    sleep "$SAMPLE_EVERY"
    kill -0 "$load" 2>/dev/null || break
    rows+=("$(sample "${t} s")")
  done
  wait "$load"
  result=$(tail -n1 "$WORK/soak-$batch.txt")
  rows+=("$(sample "end (load stopped)")")
  log "soak, $label: $result"
  SECTIONS+=("$(printf '## %s\n\n- saturation (closed loop, %d clients, 10 s): `%s`\n- soak: %d req/s (70%%) for %d s, open loop: `%s`\n\n| when | RSS MiB | heap after GC MiB | threads | open fds |\n|---|---|---|---|---|\n%s\n' \
    "$label" "$CONCURRENCY" "$sat" "$rate" "$SOAK_SECONDS" "$result" "$(printf '%s\n' "${rows[@]}")")")
  { kill -9 "$RUNTIME_PID"; wait "$RUNTIME_PID"; } 2>/dev/null || true
done

mkdir -p "$(dirname "$OUT")"
{
  echo "# Inference runtime soak"
  echo
  echo "Written by \`bench/soak-runtime.sh\` (\`make soak-runtime\`, SOAK_SECONDS=$SOAK_SECONDS) on $(date -u +%FT%TZ). Loopback only;"
  echo "the load generator (\`inference-runtime/src/bench\`, Vert.x HTTP client, HdrHistogram, latency from each request's"
  echo "scheduled time) shares the CPUs with the server."
  echo
  echo "- machine: $(machine); load average before the last phase: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- java: $(java -version 2>&1 | head -n1); OMP_NUM_THREADS=1; runtime defaults (workers = CPUs, engine-threads 1)"
  echo "- model: XGBoost binary:logistic, $FEATURES features, $TREES trees (xgboost4j 3.4.0), one FP32 row per request over REST"
  echo "- samples every ${SAMPLE_EVERY} s: RSS (/proc), heap used after \`jcmd GC.run\` (jvm_memory_used_bytes, area heap),"
  echo "  live threads (/proc/PID/task), open file descriptors (/proc/PID/fd); errors are counted by reason"
  echo
  printf '%s\n\n' "${SECTIONS[@]}"
} >"$OUT"
log "wrote $OUT"
