#!/usr/bin/env bash
# Runs a command against the full local cluster (control plane + node + add-ons): starts it when
# it is not running, and stops it afterwards only if this script started it (so a cluster you
# brought up yourself stays up). When it started the cluster, it also checks after the command
# that cluster-down left nothing behind (processes, mounts, netns, iptables chains, bridge).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cluster/lib.sh"

started=0
if ! { [[ -f $ADMIN_KUBECONFIG ]] && kubectl_admin get --raw /readyz >/dev/null 2>&1 && node_ready; }; then
  "$here/cluster/cluster-up.sh"
  started=1
fi
stop() {
  local rc=$?
  if ((started)); then
    "$here/cluster/cluster-down.sh" || rc=1   # it fails when anything is left behind
  fi
  exit "$rc"
}
trap stop EXIT

KUBECONFIG="$ADMIN_KUBECONFIG" "$@"
