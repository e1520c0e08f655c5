#!/usr/bin/env bash
# What the runtime adds at batch 1, seen by clients that do not hide the server: wrk (Debian) for REST and ghz
# (built from the Go module proxy into ~/.cache/mlcycle/bin) for gRPC, one connection, one request at a time, on
# loopback, beside each client's own floor on the same server (GET /v2/health/live, ServerLive: no model work) and
# the server's own histograms of the same requests (request time, engine-call time). Writes
# bench/results/runtime-clients.md. Env: CLIENTS_SECONDS (wrk duration, default 10), CLIENTS_REQUESTS (ghz, 10000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OUT=${CLIENTS_RESULTS:-$ROOT/bench/results/runtime-clients.md}
DURATION=${CLIENTS_SECONDS:-10}
REQUESTS=${CLIENTS_REQUESTS:-10000}
GHZ_VERSION=v0.121.0
FEATURES=8 TREES=100
BIN=$HOME/.cache/mlcycle/bin

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian)"
  sudo=(); ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
if [[ ! -x $BIN/ghz-$GHZ_VERSION ]]; then
  log "building ghz $GHZ_VERSION from the Go module proxy"
  mkdir -p "$BIN" "$WORK/ghz"
  (cd "$WORK/ghz" && go mod init local/ghz >/dev/null && go get "github.com/bojand/ghz/cmd/ghz@$GHZ_VERSION" \
    && go build -p 2 -ldflags "-X main.version=$GHZ_VERSION" -o "$BIN/ghz-$GHZ_VERSION" github.com/bojand/ghz/cmd/ghz)
fi
GHZ=$BIN/ghz-$GHZ_VERSION

# wrk_row URL [LUA]: one connection, one thread: p50/p90/p99 in µs and the request rate
wrk_row() {
  local out
  out=$(wrk -t1 -c1 -d"${DURATION}s" --latency ${2:+-s "$2"} "$1")
  awk -v out="$out" 'BEGIN {
    n = split(out, lines, "\n")
    for (i = 1; i <= n; i++) {
      if (lines[i] ~ /^ +(50|90|99)%/) { split(lines[i], f, " "); p[f[1]] = f[2] }
      if (lines[i] ~ /Requests\/sec/) { split(lines[i], f, " "); rate = f[2] }
      if (lines[i] ~ /requests in/) { split(lines[i], f, " "); count = f[1] }
      if (lines[i] ~ /Non-2xx/) { split(lines[i], f, ":"); errors = f[2] + 0 }
    }
    printf "p50_us=%d p90_us=%d p99_us=%d rate=%s count=%s non2xx=%d", us(p["50%"]), us(p["90%"]), us(p["99%"]), rate, count, errors
  }
  function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1000000; return v }'
}
# ghz_row CALL DATA: one connection, one request at a time
ghz_row() {
  "$GHZ" --insecure --proto "$RT/src/main/proto/grpc_predict_v2.proto" --call "inference.GRPCInferenceService/$1" \
    -d "$2" -c 1 --connections 1 -n "$REQUESTS" --format json "127.0.0.1:$GRPC" >"$WORK/ghz.json"
  python3 - "$WORK/ghz.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
p = {d["percentage"]: d["latency"] / 1000 for d in r["latencyDistribution"]}
errors = sum(r.get("statusCodeDistribution", {}).get(k, 0) for k in r.get("statusCodeDistribution", {}) if k != "OK")
print("p50_us=%d p90_us=%d p99_us=%d rate=%.1f count=%d errors=%d" % (p[50], p[90], p[99], r["rps"], r["count"], errors))
PY
}
p50() { # the p50_us of a result line; fails loudly on a line without one (e.g. count=0)
  [[ $1 == *p50_us=* ]] || { log "no p50 in: $1"; exit 1; }
  sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$1"
}
# server_rows LABEL PROTOCOL BEFORE AFTER CLIENT_ROW FLOOR_ROW: the server's histograms of the same requests, and
# what the runtime adds at p50 seen from the client (minus its floor and the engine call) and from the server
server_rows() {
  local request engine
  request=$("$ROOT/bench/histogram_delta.py" "$3" "$4" mlcycle_inference_request_duration_seconds "protocol=$2")
  engine=$("$ROOT/bench/histogram_delta.py" "$3" "$4" mlcycle_engine_call_duration_seconds "model=$MODEL")
  record "$1, server side: request" "$request"
  record "$1, server side: engine call" "$engine"
  record "$1: the runtime adds at p50" "client_view_us=$(($(p50 "$5") - $(p50 "$6") - $(p50 "$engine"))) server_view_us=$(($(p50 "$request") - $(p50 "$engine"))) goal_us=100"
}
scrape() { curl -s "http://127.0.0.1:$HTTP/q/metrics" >"$1"; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "training the model (xgboost4j, $FEATURES features, $TREES trees)"
SHA=$(bench train "$WORK/model" $FEATURES $TREES | sed 's/sha256=//')
record "in-process engine predict, batch 1, after a 1 ms pause each (the Java generator)" "$(bench sequential-paced inprocess "$WORK/model" 3000 1000)"
start_runtime 1
ROW=$(python3 -c "print(', '.join(str(0.1 * i) for i in range($FEATURES)))")
cat >"$WORK/infer.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, $FEATURES], "data": [$ROW]}]}'
LUA
GRPC_INFER="{\"model_name\": \"$MODEL\", \"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [1, $FEATURES], \"contents\": {\"fp32_contents\": [$ROW]}}]}"
wrk -t1 -c1 -d3s -s "$WORK/infer.lua" "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer" >/dev/null   # warm-up
"$GHZ" --insecure --proto "$RT/src/main/proto/grpc_predict_v2.proto" --call inference.GRPCInferenceService/ModelInfer \
  -d "$GRPC_INFER" -c 1 -n 3000 "127.0.0.1:$GRPC" >/dev/null

floor=$(wrk_row "http://127.0.0.1:$HTTP/v2/health/live"); record "wrk REST GET /v2/health/live (the client's floor)" "$floor"
scrape "$WORK/before.prom"
infer=$(wrk_row "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer" "$WORK/infer.lua"); record "wrk REST infer, batch 1" "$infer"
scrape "$WORK/after.prom"
server_rows "wrk REST infer" rest "$WORK/before.prom" "$WORK/after.prom" "$infer" "$floor"
floor=$(ghz_row ServerLive '{}'); record "ghz gRPC ServerLive (the client's floor)" "$floor"
scrape "$WORK/before.prom"
infer=$(ghz_row ModelInfer "$GRPC_INFER"); record "ghz gRPC ModelInfer, batch 1" "$infer"
scrape "$WORK/after.prom"
server_rows "ghz gRPC ModelInfer" grpc "$WORK/before.prom" "$WORK/after.prom" "$infer" "$floor"
{ kill -9 "$RUNTIME_PID"; wait "$RUNTIME_PID"; } 2>/dev/null || true

mkdir -p "$(dirname "$OUT")"
{
  echo "# Inference runtime at batch 1, seen by wrk and ghz"
  echo
  echo "Written by \`bench/clients-bench.sh\` (\`make bench-clients\`) on $(date -u +%FT%TZ). Loopback only; one connection,"
  echo "one request at a time (wrk -t1 -c1 -d${DURATION}s, ghz -c 1 -n $REQUESTS), batching off."
  echo "What the runtime adds = the client's infer p50 minus its floor (same server, no model work) minus the engine-call p50"
  echo "(the server's own histogram over the same requests); the server side request row is arrival to answer handed to"
  echo "the transport."
  echo
  echo "- machine: $(machine); load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- clients: $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2) (Debian), ghz $GHZ_VERSION (Go module proxy)"
  echo "- java: $(java -version 2>&1 | head -n1); model: XGBoost binary:logistic, $FEATURES features, $TREES trees (xgboost4j 3.4.0), one FP32 row"
  echo "- server side rows: Micrometer histogram buckets (\`bench/histogram_delta.py\`), coarse below 1 ms"
  echo
  results_table
} >"$OUT"
log "wrote $OUT"
