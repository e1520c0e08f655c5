# shellcheck shell=bash
# The cluster's add-ons (addons/*.yaml, the Helm chart) and S3 credentials. Sourced by lib.sh.

HELM_VERSION=v3.22.0
S3_NAMESPACE=mlcycle-storage
S3_SECRET=mlcycle-s3
S3_REGION=us-east-1

# ensure_helm: Helm from the Go module proxy into the cache bin dir (about a minute, once).
ensure_helm() {
  [[ -x $BIN_DIR/helm && $(cat "$BIN_DIR/.stamp-helm" 2>/dev/null) == "$HELM_VERSION" ]] && return 0
  log "building helm $HELM_VERSION (go install from the module proxy)"
  mkdir -p "$BIN_DIR"
  GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w \
    -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  echo "$HELM_VERSION" >"$BIN_DIR/.stamp-helm"
}

# Helm's caches and config in the state dir: nothing of the user's ~/.config/helm is touched.
helm_admin() {
  HELM_CACHE_HOME="$CLUSTER_DIR/helm/cache" HELM_CONFIG_HOME="$CLUSTER_DIR/helm/config" \
    HELM_DATA_HOME="$CLUSTER_DIR/helm/data" "$BIN_DIR/helm" --kubeconfig "$ADMIN_KUBECONFIG" "$@"
}

# apply_addon NAME: addons/NAME.yaml with the @VARIABLES@ of lib.sh filled in.
apply_addon() {
  sed -e "s/@DNS_SERVICE_IP@/$DNS_SERVICE_IP/g" -e "s/@CLUSTER_DOMAIN@/$CLUSTER_DOMAIN/g" \
    -e "s#@IMAGE_PREFIX@#$IMAGE_PREFIX#g" -e "s/@TRAEFIK_VERSION@/$TRAEFIK_VERSION/g" \
    -e "s/@PROMETHEUS_VERSION@/$PROMETHEUS_VERSION/g" \
    -e "s/@PROMETHEUS_ADAPTER_VERSION@/$PROMETHEUS_ADAPTER_VERSION/g" "$CLUSTER_SRC_DIR/addons/$1.yaml" \
    | kubectl_admin apply -f - >/dev/null
}

rollout_done() {  # NAMESPACE DEPLOYMENT: all replicas updated and ready
  local ready
  ready=$(kubectl_admin -n "$1" get deployment "$2" \
    -o jsonpath='{.status.readyReplicas}/{.status.updatedReplicas}/{.spec.replicas}')
  [[ $ready =~ ^([1-9][0-9]*)/\1/\1$ ]]
}

api_service_available() {  # NAME: the aggregated API answers (its APIService's Available condition is True)
  [[ $(kubectl_admin get apiservice "$1" -o jsonpath='{.status.conditions[?(@.type=="Available")].status}') == True ]]
}

s3_key() { kubectl_admin -n "$S3_NAMESPACE" get secret "$S3_SECRET" -o "jsonpath={.data.$1}" | base64 -d; }
s3_host_endpoint() {  # the Service's ClusterIP: the host reaches it through the bridge route
  echo "http://$(kubectl_admin -n "$S3_NAMESPACE" get service seaweedfs -o jsonpath='{.spec.clusterIP}'):8333"
}

# install_s3 NAMESPACE...: fresh keys; SeaweedFS's identities; Secret mlcycle-s3 in its own
# namespace and in each NAMESPACE given (the pods there read it as environment variables).
install_s3() {
  local ak sk ns endpoint="http://seaweedfs.$S3_NAMESPACE.svc.$CLUSTER_DOMAIN:8333"
  ak=$(openssl rand -hex 10 | tr a-f A-F); sk=$(openssl rand -base64 30 | tr -d '/+=')
  apply_addon seaweedfs
  kubectl_admin -n "$S3_NAMESPACE" create secret generic seaweedfs-s3-identities \
    --from-literal=identities.json="{\"identities\":[{\"name\":\"mlcycle\",\"credentials\":[{\"accessKey\":\"$ak\",\"secretKey\":\"$sk\"}],\"actions\":[\"Admin\",\"Read\",\"List\",\"Tagging\",\"Write\"]}]}" \
    --dry-run=client -o yaml | kubectl_admin apply -f - >/dev/null
  for ns in "$S3_NAMESPACE" "$@"; do
    kubectl_admin create namespace "$ns" --dry-run=client -o yaml | kubectl_admin apply -f - >/dev/null
    kubectl_admin -n "$ns" create secret generic "$S3_SECRET" \
      --from-literal=AWS_ACCESS_KEY_ID="$ak" --from-literal=AWS_SECRET_ACCESS_KEY="$sk" \
      --from-literal=AWS_ENDPOINT_URL="$endpoint" --from-literal=AWS_REGION="$S3_REGION" \
      --from-literal=MLCYCLE_S3_BUCKET=mlcycle \
      --dry-run=client -o yaml | kubectl_admin apply -f - >/dev/null
  done
}

# s3_create_bucket NAME: PUT /NAME signed with the Secret's keys (SigV4 by curl); ok if it exists.
s3_create_bucket() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X PUT \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$(s3_key AWS_ACCESS_KEY_ID):$(s3_key AWS_SECRET_ACCESS_KEY)" \
    "$(s3_host_endpoint)/$1")
  [[ $code == 200 || $code == 409 ]]
}

# install_jobset: the JobSet controller (TrainingJob `runtime: JobSet`), from its upstream kustomize manifests in the
# Go module cache (config/default: CRD, RBAC, webhooks with its internal certificate rotation, the manager) with the
# local image, and a CPU request this 2-core node can spare.
install_jobset() {
  local dir manifests
  dir=$(cd "$CLUSTER_SRC_DIR/jobset" && go list -m -f '{{.Dir}}' sigs.k8s.io/jobset)
  [[ -d $dir/config/default ]] || die "the sigs.k8s.io/jobset module is not in the Go module cache: run build.sh jobset"
  manifests=$("$BIN_DIR/kubectl" kustomize "$dir/config/default" \
    | sed -e "s#image: .*/jobset:$JOBSET_VERSION#image: $IMAGE_PREFIX/jobset:$JOBSET_VERSION\n        imagePullPolicy: Never#" \
          -e 's#^            cpu: 500m#            cpu: 50m#')
  # Upstream's layout may move: never apply manifests that would pull from a registry we cannot reach.
  grep -q "image: $IMAGE_PREFIX/jobset:$JOBSET_VERSION" <<<"$manifests" \
    || die "JobSet's manifests (config/default of $dir) no longer name the image where install_jobset expects it"
  kubectl_admin apply --server-side --force-conflicts -f - <<<"$manifests" >/dev/null
}

# install_metrics_server: metrics-server (the resource metrics API that CPU HorizontalPodAutoscalers read), from its
# upstream kustomize manifests in the Go module cache with the local image.
install_metrics_server() {
  local dir manifests
  dir=$(cd "$CLUSTER_SRC_DIR/metrics-server" && go list -m -f '{{.Dir}}' sigs.k8s.io/metrics-server)
  [[ -d $dir/manifests/base ]] || die "the sigs.k8s.io/metrics-server module is not in the Go module cache: run build.sh metrics-server"
  # The kubelet serves a self-signed certificate here (no serving-certificate bootstrap), as on kind: hence
  # --kubelet-insecure-tls, which kind's own metrics-server recipe uses too.
  manifests=$("$BIN_DIR/kubectl" kustomize "$dir/manifests/base" \
    | sed -e "s#image: .*metrics-server:.*#image: $IMAGE_PREFIX/metrics-server:$METRICS_SERVER_VERSION#" \
          -e 's#imagePullPolicy: IfNotPresent#imagePullPolicy: Never#' \
          -e 's#^        - --metric-resolution=15s#        - --metric-resolution=15s\n        - --kubelet-insecure-tls#' \
          -e 's#^            cpu: 100m#            cpu: 20m#')
  grep -q "image: $IMAGE_PREFIX/metrics-server:$METRICS_SERVER_VERSION" <<<"$manifests" \
    || die "metrics-server's manifests (manifests/base of $dir) no longer name the image where install_metrics_server expects it"
  grep -q -- "--kubelet-insecure-tls" <<<"$manifests" \
    || die "metrics-server's manifests no longer have the args where install_metrics_server expects them"
  kubectl_admin apply --server-side --force-conflicts -f - <<<"$manifests" >/dev/null
}

# install_traefik: Traefik as the Gateway API implementation (the `gatewayApi` traffic provider): the standard-channel
# Gateway API CRDs of the sigs.k8s.io/gateway-api module Traefik requires (config/crd/standard in the Go module cache),
# then addons/traefik.yaml (RBAC, the Deployment, Service traefik-system/traefik :80, GatewayClass `traefik`, Gateway
# traefik-system/mlcycle with one HTTP listener on 8000 open to routes of all namespaces).
install_traefik() {
  local dir
  dir=$(cd "$CLUSTER_SRC_DIR/traefik" && go list -m -f '{{.Dir}}' sigs.k8s.io/gateway-api)
  [[ -d $dir/config/crd/standard ]] || die "the sigs.k8s.io/gateway-api module is not in the Go module cache: run build.sh traefik"
  kubectl_admin apply --server-side --force-conflicts -f "$dir/config/crd/standard" >/dev/null
  # The GatewayClass and Gateway below need their CRDs served (well under a second on a fresh cluster).
  kubectl --kubeconfig "$ADMIN_KUBECONFIG" wait --for=condition=Established --timeout=30s \
    -f "$dir/config/crd/standard" >/dev/null
  apply_addon traefik
}

# install_prometheus: addons/prometheus.yaml (Prometheus in mlcycle-monitoring) with the chart's alert rules as a plain
# rule file: the chart's own rendering (metrics.rulesConfigMap), as docs/platform.md tells a platform team to do.
install_prometheus() {
  kubectl_admin create namespace mlcycle-monitoring --dry-run=client -o yaml | kubectl_admin apply -f - >/dev/null
  helm_admin template mlcycle "$REPO_ROOT/helm/mlcycle" --namespace mlcycle-monitoring \
    --set metrics.rulesConfigMap=true --set metrics.dashboard.enabled=false --show-only templates/monitoring.yaml \
    | kubectl_admin apply -f - >/dev/null
  apply_addon prometheus
}
