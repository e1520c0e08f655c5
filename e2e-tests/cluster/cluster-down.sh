#!/usr/bin/env bash
# Stops the whole local cluster and removes every trace of it: processes (pods' containers and
# containerd shims included), mounts under the kubelet and containerd dirs, network namespaces,
# iptables chains (kube-proxy's, portmap's and ours), the bridge, CNI state and the state dirs.
# Works after a crashed or half-done cluster-up. The image cache (dockerd's data root, the
# binaries) stays; our own dockerd, when cluster-up/images.sh started it, is stopped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

take_lock
teardown_node
remove_state_dir
left=$(node_leftovers)
[[ -z $left ]] || die "left behind after cluster-down:"$'\n'"$left"
log "cluster stopped in ${SECONDS} s; nothing left behind"
