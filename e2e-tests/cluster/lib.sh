# shellcheck shell=bash
# Shared settings and helpers of the local-cluster scripts. Sourced, never run.
#
# build.sh          builds the binaries into the versioned cache
# apiserver-up.sh   etcd + kube-apiserver + kube-controller-manager + kube-scheduler
# apiserver-down.sh stops them (also after a crash) and removes the state dir
# images.sh         builds the container images (own dockerd when none runs)
# cluster-up.sh     apiserver-up + a real node (containerd, kubelet, kube-proxy, CNI, GPUs) + add-ons
# cluster-down.sh   removes all of it, also after a crashed or half-done cluster-up

CLUSTER_SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

K8S_VERSION=v1.34.4   # must match k8s/go.mod (build.sh checks)
ETCD_VERSION=v3.6.16  # must match etcd/go.mod
JOBSET_VERSION=v0.10.1  # must match jobset/go.mod
METRICS_SERVER_VERSION=v0.8.0  # must match metrics-server/go.mod
PROMETHEUS_VERSION=3.16.0  # the release of github.com/prometheus/prometheus v0.316.0 (prometheus/go.mod)
PROMETHEUS_MODULE_VERSION=v0.316.0
PROMETHEUS_ADAPTER_VERSION=v0.12.0  # must match prometheus-adapter/go.mod (custom metrics for the HPAs)
TRAEFIK_VERSION=v3.6.12  # must match traefik/go.mod (v3.7.x cannot build from the proxy: STACK.md)
ARGOCD_VERSION=v3.6.1  # must match argocd/go.mod (the real Argo CD the GitOps tests sync with)
GATEWAY_API_VERSION=v1.4.0  # the sigs.k8s.io/gateway-api Traefik requires (traefik/go.mod): its standard CRDs

MLCYCLE_CACHE="${MLCYCLE_CACHE:-$HOME/.cache/mlcycle}"
BIN_DIR="$MLCYCLE_CACHE/k8s/$K8S_VERSION/bin"
KUBE_API_TEST_DIR="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"

CLUSTER_DIR="${MLCYCLE_CLUSTER_DIR:-/tmp/mlcycle-cluster}"
CLUSTER_DIR="${CLUSTER_DIR%/}"
PKI_DIR="$CLUSTER_DIR/pki"
LOG_DIR="$CLUSTER_DIR/logs"
# The API server's audit log of the operator's own requests (apiserver-up.sh says what it keeps): the e2e suite checks
# that the chart's RBAC refused none of them and that none wrote a spec.
OPERATOR_AUDIT_LOG="$LOG_DIR/operator-audit.log"
OPERATOR_USER="system:serviceaccount:mlcycle-system:mlcycle-operator"
RUN_DIR="$CLUSTER_DIR/run"
ETCD_DATA_DIR="$CLUSTER_DIR/etcd"
ADMIN_KUBECONFIG="$CLUSTER_DIR/kubeconfig"

ETCD_CLIENT_PORT=2379
ETCD_PEER_PORT=2380
APISERVER_PORT=6443
CONTROLLER_MANAGER_PORT=10257
SCHEDULER_PORT=10259
SERVICE_CIDR=10.96.0.0/16
KUBERNETES_SERVICE_IP=10.96.0.1
POD_CIDR=10.244.0.0/16
CLUSTER_DOMAIN=cluster.local
SERVICE_ACCOUNT_ISSUER="https://kubernetes.default.svc.$CLUSTER_DOMAIN"

# The node. Fixed folders outside the state dir: the container runtime's state (its socket,
# shim sockets, network namespaces) and our own dockerd's, both on tmpfs and removed at down.
NODE_NAME=mlcycle-node
NODE_POD_CIDR=10.244.0.0/24       # the node's share of POD_CIDR (CNI host-local range)
BRIDGE=mlc0
DNS_SERVICE_IP=10.96.0.10
CONTAINERD_STATE=/run/mlcycle-containerd
CONTAINERD_SOCK=$CONTAINERD_STATE/containerd.sock
KUBELET_ROOT="$CLUSTER_DIR/kubelet"
DEVICE_PLUGIN_DIR=/var/lib/kubelet/device-plugins   # fixed in the kubelet, whatever --root-dir
GPU_COUNT="${MLCYCLE_GPU_COUNT:-4}"
DOCKER_EXEC_ROOT=/run/mlcycle-docker
DOCKER_DATA_ROOT="$MLCYCLE_CACHE/docker"            # kept across downs: it is the image cache
IMAGE_PREFIX=mlcycle.local
IPTABLES_CHAIN=MLCYCLE-FORWARD

# Argo CD beside the cluster (argocd-up.sh): host processes on these ports, away from Argo CD's defaults.
ARGOCD_REDIS_PORT=16379
ARGOCD_SERVER_PORT=18080
ARGOCD_REPO_SERVER_PORT=18081
ARGOCD_CONTROLLER_METRICS_PORT=18082
ARGOCD_SERVER_METRICS_PORT=18083
ARGOCD_REPO_SERVER_METRICS_PORT=18084

WAIT_TIMEOUT_S="${MLCYCLE_WAIT_TIMEOUT_S:-120}"
# Processes found by stray_pids: their executable lies under one of these and their command
# line names one of STRAY_MARKERS (a shim names only the runtime's socket, not the state dir).
STRAY_EXE_PREFIXES=("$BIN_DIR/" /usr/bin/containerd /usr/sbin/dockerd /usr/bin/dockerd)
STRAY_MARKERS=("$CLUSTER_DIR/" "$CONTAINERD_STATE/" "$DOCKER_EXEC_ROOT/")

log() { printf '%s [cluster] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ensure_cmd COMMAND DEBIAN_PACKAGE: installs the package when the command is missing.
ensure_cmd() {
  command -v "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "'$1' is missing (Debian package $2)"
  log "installing $2 (for '$1')"
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get install -y -qq "$2" >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq "$2" >/dev/null; } \
    || die "could not install $2"
}

kubectl() { "$BIN_DIR/kubectl" "$@"; }
kubectl_admin() { kubectl --kubeconfig "$ADMIN_KUBECONFIG" --request-timeout=5s "$@"; }

# The machine's primary address (no packet is sent by the route lookup).
node_ip() {
  local ip
  ip=$(ip -4 -o route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')
  [[ -n $ip ]] || ip=$(hostname -I 2>/dev/null | awk '{print $1}')
  [[ -n $ip ]] || die "cannot find this machine's primary IPv4 address"
  echo "$ip"
}

# take_lock: serialises up/down runs on the same state dir (held until the script exits).
# Scripts run by a lock holder (cluster-up runs apiserver-up) inherit it through the env.
take_lock() {
  [[ ${MLCYCLE_LOCK_HELD:-} == "$CLUSTER_DIR" ]] && return 0
  exec 9>"$CLUSTER_DIR.lock"
  flock -w 600 9 || die "another up/down holds $CLUSTER_DIR.lock"
  export MLCYCLE_LOCK_HELD="$CLUSTER_DIR"
}

# ---- processes ---------------------------------------------------------------------------

pid_alive() {  # running and not a zombie
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# daemon_pid NAME: the pid of a live daemon started by start_daemon, or fails.
daemon_pid() {
  local pid
  pid=$(cat "$RUN_DIR/$1.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" || return 1
  # guard against a reused pid: the daemon's command line names the state dir
  names_marker "$pid" || return 1
  echo "$pid"
}

# start_daemon NAME COMMAND...: runs COMMAND in its own session; output to $LOG_DIR/NAME.log,
# pid to $RUN_DIR/NAME.pid. The command line must name the state dir (see daemon_pid).
start_daemon() {
  local name=$1; shift
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  log "starting $name (log: $LOG_DIR/$name.log)"
  # not a process-group leader here, so setsid execs in place and $! is the daemon's pid;
  # 9>&-: the daemon must not inherit (and so hold) take_lock's lock
  setsid "$@" </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
  local pid=$! i
  echo "$pid" >"$RUN_DIR/$name.pid"
  # Until the child has exec'd, /proc/PID/cmdline is still this script's, and daemon_pid would take a daemon that
  # has not started yet for one that exited (seen on a busy machine: "exited while waiting", empty log).
  for ((i = 0; i < 200; i++)); do
    if names_marker "$pid" || ! pid_alive "$pid"; then break; fi
    sleep 0.05
  done
}

# names_marker PID: the process's command line names one of STRAY_MARKERS.
names_marker() {
  local cmd m
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  for m in "${STRAY_MARKERS[@]}"; do [[ $cmd == *"$m"* ]] && return 0; done
  return 1
}

# stray_pids: processes of this state dir, whatever the pid files say.
stray_pids() {
  local p exe prefix
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $p == "$$" ]] && continue
    exe=$(readlink "/proc/$p/exe" 2>/dev/null) || continue
    exe=${exe% (deleted)}
    for prefix in "${STRAY_EXE_PREFIXES[@]}"; do
      if [[ $exe == "$prefix"* ]] && pid_alive "$p" && names_marker "$p"; then
        echo "$p"; break
      fi
    done
  done
}

# stop_pids PID...: SIGTERM, up to 20 s to exit, then SIGKILL.
stop_pids() {
  (($#)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  local deadline=$((SECONDS + 20)) left
  while :; do
    left=()
    for p in "$@"; do pid_alive "$p" && left+=("$p"); done
    ((${#left[@]})) || return 0
    ((SECONDS < deadline)) || break
    sleep 0.2
  done
  log "killing ${left[*]} (no exit 20 s after SIGTERM)"
  kill -KILL "${left[@]}" 2>/dev/null || true
  deadline=$((SECONDS + 10))
  while ((SECONDS < deadline)); do
    left=(); for p in "$@"; do pid_alive "$p" && left+=("$p"); done
    ((${#left[@]})) || return 0
    sleep 0.2
  done
  die "processes ${left[*]} survive SIGKILL"
}

# stop_daemons: every daemon with a pid file, then any strays, one at a time, newest first
# (so the apiserver stops while etcd still answers: it hangs in its shutdown otherwise).
stop_daemons() {
  local f name pid strays=()
  if [[ -d $RUN_DIR ]]; then
    for f in $(ls -t "$RUN_DIR"/*.pid 2>/dev/null); do
      name=$(basename "$f" .pid)
      if pid=$(daemon_pid "$name"); then
        log "stopping $name (pid $pid)"
        stop_pids "$pid"
      fi
      rm -f "$f"
    done
  fi
  mapfile -t strays < <(stray_pids)
  ((${#strays[@]})) || return 0
  log "stopping leftover processes ${strays[*]}"
  for pid in $(ps -o pid= --sort=-start_time -p "$(IFS=,; echo "${strays[*]}")"); do
    stop_pids "$pid"
  done
}

remove_state_dir() {
  case "$CLUSTER_DIR" in
    "" | / | /tmp | "$HOME" | /root | /home) die "refusing to remove state dir '$CLUSTER_DIR'" ;;
  esac
  [[ $CLUSTER_DIR == /* ]] || die "MLCYCLE_CLUSTER_DIR must be absolute: $CLUSTER_DIR"
  # Only a folder of ours: an MLCYCLE_CLUSTER_DIR such as /var must never be removed.
  [[ $(basename "$CLUSTER_DIR") == *mlcycle* ]] || die "refusing to remove '$CLUSTER_DIR': its name must contain 'mlcycle'"
  rm -rf "$CLUSTER_DIR"
}

# ---- waiting -----------------------------------------------------------------------------

# fail_component NAME REASON: prints the tail of NAME's log, stops everything, exits 1.
# The state dir stays, so the logs can be read; the next up or down cleans it.
fail_component() {
  log "ERROR: $1 $2"
  if [[ -f $LOG_DIR/$1.log ]]; then
    log "last lines of $LOG_DIR/$1.log:"
    tail -n 40 "$LOG_DIR/$1.log" >&2
  fi
  stop_daemons >/dev/null 2>&1 || true
  exit 1
}

# wait_for NAME WHAT COMMAND...: polls COMMAND until it succeeds; fails early when NAME's
# process has died and after WAIT_TIMEOUT_S.
wait_for() {
  local name=$1 what=$2; shift 2
  local deadline=$((SECONDS + WAIT_TIMEOUT_S))
  until "$@" >/dev/null 2>&1; do
    daemon_pid "$name" >/dev/null || fail_component "$name" "exited while waiting for $what"
    ((SECONDS < deadline)) || fail_component "$name" "no $what within ${WAIT_TIMEOUT_S}s"
    sleep 0.5
  done
}

port_listening() { [[ -n $(ss -Hltn "( sport = :$1 )" 2>/dev/null) ]]; }

# check_ports_free PORT...: fails with who holds a port.
check_ports_free() {
  local port busy=()
  for port in "$@"; do port_listening "$port" && busy+=("$port"); done
  ((${#busy[@]} == 0)) && return 0
  for port in "${busy[@]}"; do ss -Hltnp "( sport = :$port )" >&2; done
  die "port(s) ${busy[*]} already in use (listed above); stop what holds them and retry"
}

etcd_healthy() {
  [[ $(curl -s --max-time 3 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" 2>/dev/null) == *'"health":"true"'* ]]
}

# https_healthz PORT: a component's /healthz over TLS (self-signed), anonymous (always allowed).
https_healthz() {
  [[ $(curl -sk --max-time 3 "https://127.0.0.1:$1/healthz" 2>/dev/null) == ok ]]
}

source "$CLUSTER_SRC_DIR/pki.sh"
source "$CLUSTER_SRC_DIR/node.sh"
source "$CLUSTER_SRC_DIR/addons.sh"
