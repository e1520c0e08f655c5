#!/usr/bin/env bash
# Starts a real Argo CD (built by build.sh from the Go module proxy) beside a running local cluster, the way Argo CD's
# own local setup runs it (its Procfile): the application controller, the repo server and the API server as host
# processes, with Debian's redis-server on loopback, all talking to the cluster through the admin kubeconfig
# (ARGOCD_FAKE_IN_CLUSTER: the destination https://kubernetes.default.svc is this cluster). In the cluster: Argo CD's
# CRDs, namespace argocd with argocd-cm (mlcycle's health checks and actions installed with argocd/argocd-cm.py, as
# argocd/README.md tells a user to), argocd-rbac-cm, argocd-secret and the project `default`.
#
# Git repositories: Applications may use file:// URLs of folders on this machine (as Argo CD's own e2e tests do).
# API: http://127.0.0.1:$ARGOCD_SERVER_PORT/api/v1/... without a login (--disable-auth), for the tests.
# Logs: $LOG_DIR/argocd-*.log. A second run while it runs starts nothing again and re-applies the argocd-cm patch;
# cluster-down.sh stops it with the rest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO_ROOT="$(cd "$CLUSTER_SRC_DIR/../.." && pwd)"
ARGOCD_DIR="$CLUSTER_DIR/argocd"
COMPONENTS=(argocd-redis argocd-repo-server argocd-application-controller argocd-server)

[[ -f $ADMIN_KUBECONFIG ]] || die "no cluster at $CLUSTER_DIR: run cluster-up.sh first"
take_lock
running=0
for c in "${COMPONENTS[@]}"; do daemon_pid "$c" >/dev/null && running=$((running + 1)); done
if ((running == ${#COMPONENTS[@]})); then
  # argocd/ may have changed since: its scripts again (Argo CD watches argocd-cm).
  kubectl_admin -n argocd patch configmap argocd-cm --type merge --patch-file <("$REPO_ROOT/argocd/argocd-cm.py") >/dev/null
  log "Argo CD $ARGOCD_VERSION already runs (API http://127.0.0.1:$ARGOCD_SERVER_PORT)"
  exit 0
fi
((running == 0)) || die "Argo CD half runs ($running of ${#COMPONENTS[@]} components): stop the cluster and start it again"
[[ -x $BIN_DIR/argocd ]] || die "no $BIN_DIR/argocd: run build.sh argocd"
ensure_cmd redis-server redis-server
ensure_cmd git git
check_ports_free "$ARGOCD_REDIS_PORT" "$ARGOCD_REPO_SERVER_PORT" "$ARGOCD_REPO_SERVER_METRICS_PORT" \
  "$ARGOCD_CONTROLLER_METRICS_PORT" "$ARGOCD_SERVER_PORT" "$ARGOCD_SERVER_METRICS_PORT"
start=$SECONDS

# The module's own files (CRDs, upstream's git wrapper) from the Go module cache build.sh filled.
module_dir=$(cd "$CLUSTER_SRC_DIR/argocd" && GOTOOLCHAIN=auto go list -m -f '{{.Dir}}' github.com/argoproj/argo-cd/v3)
[[ -d $module_dir/manifests/crds ]] || die "the Argo CD module is not in the Go module cache: run build.sh argocd"

# Each component runs through a link named after it (the binary is multi-call) under the state dir, so that its
# command line names the state dir (daemon_pid, stray_pids); git-verify-wrapper.sh is on the repo server's PATH.
mkdir -p "$ARGOCD_DIR/bin" "$ARGOCD_DIR/redis" "$ARGOCD_DIR/tls" "$ARGOCD_DIR/ssh" "$ARGOCD_DIR/home"
for c in argocd-repo-server argocd-application-controller argocd-server; do ln -sfn "$BIN_DIR/argocd" "$ARGOCD_DIR/bin/$c"; done
install -m 0755 "$module_dir/hack/git-verify-wrapper.sh" "$ARGOCD_DIR/bin/git-verify-wrapper.sh"

log "Argo CD's CRDs, namespace argocd, argocd-cm with mlcycle's health checks and actions"
kubectl_admin apply --server-side --force-conflicts -f "$module_dir/manifests/crds/application-crd.yaml" \
  -f "$module_dir/manifests/crds/appproject-crd.yaml" >/dev/null
# Not kubectl wait: it fails, rather than waits, on a CRD whose status has no conditions yet.
established() {
  [[ $(kubectl_admin get crd applications.argoproj.io appprojects.argoproj.io \
    -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Established")].status}{end}') == TrueTrue ]]
}
for ((i = 0; i < 60; i++)); do established && break; sleep 0.5; done
established || die "Argo CD's CRDs are not Established after 30 s"
kubectl_admin apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: argocd}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-cm, namespace: argocd, labels: {app.kubernetes.io/part-of: argocd}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-rbac-cm, namespace: argocd, labels: {app.kubernetes.io/part-of: argocd}}
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: default, namespace: argocd}
spec:
  sourceRepos: ['*']
  destinations: [{server: '*', namespace: '*'}]
  clusterResourceWhitelist: [{group: '*', kind: '*'}]
EOF
kubectl_admin -n argocd get secret argocd-secret >/dev/null 2>&1 \
  || kubectl_admin -n argocd create secret generic argocd-secret \
    --from-literal=server.secretkey="$(head -c 32 /dev/urandom | base64)" >/dev/null
kubectl_admin -n argocd label secret argocd-secret app.kubernetes.io/part-of=argocd --overwrite >/dev/null
kubectl_admin -n argocd patch configmap argocd-cm --type merge --patch-file <("$REPO_ROOT/argocd/argocd-cm.py") >/dev/null

# --set-proc-title no: redis keeps its command line, which names the state dir (daemon_pid).
start_daemon argocd-redis redis-server --bind 127.0.0.1 --port "$ARGOCD_REDIS_PORT" --dir "$ARGOCD_DIR/redis" \
  --save "" --appendonly no --set-proc-title no
wait_for argocd-redis "PONG on :$ARGOCD_REDIS_PORT" redis-cli -p "$ARGOCD_REDIS_PORT" ping

# What every component shares; a short reconciliation timeout so that a git change is seen within seconds.
common_env=(
  env HOME="$ARGOCD_DIR/home" KUBECONFIG="$ADMIN_KUBECONFIG" ARGOCD_FAKE_IN_CLUSTER=true
  ARGOCD_TLS_DATA_PATH="$ARGOCD_DIR/tls" ARGOCD_SSH_DATA_PATH="$ARGOCD_DIR/ssh" ARGOCD_GPG_ENABLED=false
  ARGOCD_RECONCILIATION_TIMEOUT="${ARGOCD_RECONCILIATION_TIMEOUT:-10s}"
)
redis=(--redis "127.0.0.1:$ARGOCD_REDIS_PORT")
start_daemon argocd-repo-server "${common_env[@]}" PATH="$ARGOCD_DIR/bin:$PATH" \
  "$ARGOCD_DIR/bin/argocd-repo-server" --disable-tls --client-ca-path= "${redis[@]}" \
  --address 127.0.0.1 --port "$ARGOCD_REPO_SERVER_PORT" \
  --metrics-address 127.0.0.1 --metrics-port "$ARGOCD_REPO_SERVER_METRICS_PORT"
wait_for argocd-repo-server "/healthz on :$ARGOCD_REPO_SERVER_METRICS_PORT" \
  curl -sf --max-time 2 "http://127.0.0.1:$ARGOCD_REPO_SERVER_METRICS_PORT/healthz"
start_daemon argocd-application-controller "${common_env[@]}" \
  "$ARGOCD_DIR/bin/argocd-application-controller" --namespace argocd "${redis[@]}" \
  --repo-server "127.0.0.1:$ARGOCD_REPO_SERVER_PORT" --repo-server-plaintext \
  --metrics-port "$ARGOCD_CONTROLLER_METRICS_PORT"
wait_for argocd-application-controller "/healthz on :$ARGOCD_CONTROLLER_METRICS_PORT" \
  curl -sf --max-time 2 "http://127.0.0.1:$ARGOCD_CONTROLLER_METRICS_PORT/healthz"
start_daemon argocd-server "${common_env[@]}" \
  "$ARGOCD_DIR/bin/argocd-server" --namespace argocd "${redis[@]}" --insecure --disable-auth \
  --repo-server "127.0.0.1:$ARGOCD_REPO_SERVER_PORT" --repo-server-plaintext \
  --address 127.0.0.1 --port "$ARGOCD_SERVER_PORT" --metrics-port "$ARGOCD_SERVER_METRICS_PORT" --staticassets "$ARGOCD_DIR/ui"
wait_for argocd-server "/healthz on :$ARGOCD_SERVER_PORT" \
  curl -sf --max-time 2 "http://127.0.0.1:$ARGOCD_SERVER_PORT/healthz"
log "Argo CD $ARGOCD_VERSION up in $((SECONDS - start)) s: API http://127.0.0.1:$ARGOCD_SERVER_PORT, logs $LOG_DIR/argocd-*.log"
