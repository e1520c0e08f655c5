#!/usr/bin/env bash
# Measures the warm cluster: cluster-up until node, DNS, S3 and operator are Ready, and
# cluster-down until nothing is left, RUNS times (default 3) after one warm-up cycle that fills
# every cache. Writes bench/results/cluster.md. Leaves no cluster running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
REPO_ROOT=$(cd "$CLUSTER_SRC_DIR/../.." && pwd)
RUNS="${RUNS:-3}"
OUT="$REPO_ROOT/bench/results/cluster.md"

# seconds COMMAND...: runs it (output to a log next to the state dir), prints its wall time
seconds() {
  local s e
  s=$(date +%s.%N); "$@" >>"$CLUSTER_DIR.bench.log" 2>&1; e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", e - s }'
}

log "warm-up cycle (fills the build and image caches)"
"$CLUSTER_SRC_DIR/cluster-down.sh" >/dev/null 2>&1
"$CLUSTER_SRC_DIR/cluster-up.sh" >/dev/null 2>&1
"$CLUSTER_SRC_DIR/cluster-down.sh" >/dev/null 2>&1
rm -f "$CLUSTER_DIR.bench.log"
ups=(); downs=()
for i in $(seq 1 "$RUNS"); do
  ups+=("$(seconds "$CLUSTER_SRC_DIR/cluster-up.sh")")
  downs+=("$(seconds "$CLUSTER_SRC_DIR/cluster-down.sh")")
  log "run $i: up ${ups[-1]} s, down ${downs[-1]} s"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mkdir -p "$(dirname "$OUT")"
{
  echo "# Local cluster: warm cluster-up and cluster-down"
  echo
  echo "Command: \`make bench-cluster\` (\`e2e-tests/cluster/bench.sh\`, RUNS=$RUNS, after one warm-up cycle)."
  echo "Up = \`cluster-up.sh\` until the node is Ready with its GPUs, CoreDNS, SeaweedFS (bucket made) and the"
  echo "operator Deployment are Ready; down = \`cluster-down.sh\` until nothing is left behind."
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)), $(free -g | awk '/^Mem:/{print $2}') GiB RAM, kernel $(uname -r), $(date -u +%Y-%m-%d)."
  echo
  echo "| run | up (s) | down (s) |"
  echo "|---|---|---|"
  for i in "${!ups[@]}"; do printf '| %d | %.1f | %.1f |\n' "$((i + 1))" "${ups[$i]}" "${downs[$i]}"; done
  printf '| **median** | **%.1f** | **%.1f** |\n' "$(median "${ups[@]}")" "$(median "${downs[@]}")"
  echo
  echo "Goals: warm up ≤ 45 s, down ≤ 10 s."
} >"$OUT"
cat "$OUT"
