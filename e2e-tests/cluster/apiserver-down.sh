#!/usr/bin/env bash
# Stops everything apiserver-up started (SIGTERM, then SIGKILL after 20 s) and removes the
# state dir. Works after a crash or a half-done up: besides the pid files it finds processes by
# their binary (under the cache bin dir) and their command line (naming the state dir).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

take_lock
teardown_node   # also the node's traces, when cluster-up ran
remove_state_dir
log "control plane stopped; $CLUSTER_DIR removed"
