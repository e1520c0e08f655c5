#!/usr/bin/env bash
# Shell-level test of the cluster's life cycle (run by `make test` after the Java suite):
#   1. a second cluster-up while the cluster runs says so and changes nothing; after a kubelet
#      restart the node's GPUs come back;
#   2. after an unclean stop (every cluster process SIGKILLed, pods left running) cluster-up works;
#   3. cluster-up killed halfway, then cluster-down: nothing is left behind;
#   4. after a full cluster-down nothing is left behind either.
# "Nothing" is checked here independently of the scripts' own bookkeeping: processes, mounts,
# network namespaces, iptables chains and rules, the bridge and its route, cgroups, state dirs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
UP="$CLUSTER_SRC_DIR/cluster-up.sh"
DOWN="$CLUSTER_SRC_DIR/cluster-down.sh"

fail() { log "FAIL: $*"; exit 1; }
step() { log "---- $*"; }

# Prints every trace of the cluster on this machine.
traces() {
  local p cmd
  for p in /proc/[0-9]*; do
    cmd=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
    [[ ${p#/proc/} == "$$" || ${p#/proc/} == "$BASHPID" ]] && continue
    case "$cmd" in
      *"$CLUSTER_DIR/"* | *"$CONTAINERD_STATE"* | *"$DOCKER_EXEC_ROOT"*) echo "process ${p#/proc/}: ${cmd:0:100}" ;;
    esac
  done
  grep -E "$CLUSTER_DIR|$CONTAINERD_STATE|$DOCKER_EXEC_ROOT" /proc/self/mountinfo | awk '{print "mount " $5}'
  ls /run/netns 2>/dev/null | sed 's/^/netns /'
  iptables-save 2>/dev/null | grep -E "KUBE-|CNI-|$IPTABLES_CHAIN" | sed 's/^/iptables /'
  ip6tables-save 2>/dev/null | grep -E "KUBE-|CNI-" | sed 's/^/ip6tables /'
  ip link show "$BRIDGE" >/dev/null 2>&1 && echo "bridge $BRIDGE"
  ip route show "$SERVICE_CIDR" | sed 's/^/route /'
  ls -d /sys/fs/cgroup/*/kubepods* 2>/dev/null | sed 's/^/cgroup /'
  ls -d "$CLUSTER_DIR" "$CONTAINERD_STATE" "$DOCKER_EXEC_ROOT" "$CNI_RESULTS_DIR/$CNI_NETWORK"-* 2>/dev/null | sed 's/^/path /'
  return 0
}

assert_clean() {
  local left
  left=$(traces)
  [[ -z $left ]] || fail "$1; left behind:"$'\n'"$left"
  log "ok: $1, nothing left behind"
}

if [[ -f $ADMIN_KUBECONFIG ]] && kubectl_admin get --raw /readyz >/dev/null 2>&1; then
  log "skipped: a cluster you started is running, and this test ends with cluster-down"
  exit 0
fi

step "cluster-up, then a second cluster-up"
# Quiet when it works; its last lines when it does not (the logs go with the cleanup's cluster-down). A file, not a
# pipe: a daemon that kept the pipe open would hold the test.
UP_OUT=$(mktemp)
trap 'rm -f "$UP_OUT"' EXIT
"$UP" >"$UP_OUT" 2>&1 || fail "cluster-up failed:"$'\n'"$(tail -n 40 "$UP_OUT")"
apiserver_pid=$(daemon_pid kube-apiserver)
out=$("$UP" 2>&1)
[[ $out == *"already running"* ]] || fail "second cluster-up did not say the cluster runs: $out"
[[ $(daemon_pid kube-apiserver) == "$apiserver_pid" ]] || fail "second cluster-up restarted the apiserver"
log "ok: the second cluster-up did nothing"

step "kubelet restart: the simulated GPUs come back (the device plugin re-registers)"
registrations() { grep -c "Device Plugin registered with the Kubelet" "$LOG_DIR/gpu-device-plugin.log" || true; }
before=$(registrations)
stop_pids "$(daemon_pid kubelet)"
start_kubelet
disown -a   # it belongs to the cluster now, not to this test (no "Killed" notice below)
# the new kubelet forgets the GPUs until the plugin registers again (about 10 s: Watch's poll)
registered_again() { (($(registrations) > before)); }
wait_for gpu-device-plugin "a new registration" registered_again
wait_for kubelet "node Ready again" node_ready
wait_for gpu-device-plugin "$GPU_COUNT GPUs again" node_gpus
log "ok: $GPU_COUNT nvidia.com/gpu allocatable after a kubelet restart"

step "unclean stop: SIGKILL every cluster process, pods keep running; then cluster-up"
mapfile -t pids < <(stray_pids)
((${#pids[@]} > 5)) || fail "expected the cluster's processes, found ${#pids[@]}"
kill -KILL "${pids[@]}"
"$UP" >"$UP_OUT" 2>&1 || fail "cluster-up after an unclean stop failed:"$'\n'"$(tail -n 40 "$UP_OUT")"
node_ready || fail "node not Ready after cluster-up following an unclean stop"
log "ok: cluster-up works after an unclean stop"

step "cluster-down, then cluster-up killed halfway, then cluster-down"
"$DOWN" >/dev/null 2>&1 || fail "cluster-down failed"
assert_clean "cluster-down"
setsid "$UP" >/dev/null 2>&1 &
up_pid=$!
deadline=$((SECONDS + 60))
until daemon_pid kubelet >/dev/null 2>&1 || ((SECONDS > deadline)); do sleep 0.5; done
kill -KILL -- "-$up_pid" 2>/dev/null || true   # the whole cluster-up, halfway through
wait "$up_pid" 2>/dev/null || true
"$DOWN" >/dev/null 2>&1 || fail "cluster-down after a half-done cluster-up failed"
assert_clean "cluster-down after a cluster-up killed halfway"
