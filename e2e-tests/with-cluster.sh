#!/usr/bin/env bash
# Runs a command against the local control plane: starts it when it is not running, and stops it
# afterwards only if this script started it (so a cluster you brought up yourself stays up).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cluster/lib.sh"

started=0
if ! { [[ -f $ADMIN_KUBECONFIG ]] && kubectl_admin get --raw /readyz >/dev/null 2>&1; }; then
  "$here/cluster/apiserver-up.sh"
  started=1
fi
stop() { if ((started)); then "$here/cluster/apiserver-down.sh"; fi; }
trap stop EXIT

KUBECONFIG="$ADMIN_KUBECONFIG" "$@"
