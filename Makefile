# mlcycle — see README.md. Every target installs or builds what it needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
CLUSTER := e2e-tests/cluster
CLUSTER_DIR ?= $(or $(MLCYCLE_CLUSTER_DIR),/tmp/mlcycle-cluster)
KUBECONFIG_FILE := $(CLUSTER_DIR)/kubeconfig
KUBECTL := $(HOME)/.cache/mlcycle/k8s/v1.34.4/bin/kubectl --kubeconfig $(KUBECONFIG_FILE)
DEMO_NAMESPACE ?= mlcycle-demo

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

.PHONY: deps
deps: ## install what building and testing needs from Debian's packages, when missing (JDK, Maven, Go, Python venv, libgomp1, python3-torch)
	tools/install-deps.sh

.PHONY: demo
demo: deps build cluster-up ## the whole life of a model (examples/drift): train, serve, live traffic, drift, retrain, champion gate, canary, promoted
	$(KUBECTL) apply --server-side --force-conflicts -f crds/
	$(KUBECTL) wait --for condition=Established --timeout=60s -f crds/
	KUBECTL="$(KUBECTL)" CLUSTER_DIR=$(CLUSTER_DIR) NAMESPACE=$(DEMO_NAMESPACE) examples/drift/story.sh

.PHONY: demo-iris
demo-iris: deps build cluster-up ## whole cluster, CRDs, the iris story (train, register, validate, approve, serve, infer), then kubectl get
	$(KUBECTL) apply --server-side --force-conflicts -f crds/
	$(KUBECTL) wait --for condition=Established --timeout=60s -f crds/
	$(KUBECTL) create namespace $(DEMO_NAMESPACE) --dry-run=client -o yaml | $(KUBECTL) apply -f -
	examples/iris/make-dataset.py > $(CLUSTER_DIR)/iris.csv
	$(CLUSTER)/s3-put.sh datasets/iris.csv $(CLUSTER_DIR)/iris.csv
	$(KUBECTL) apply -n $(DEMO_NAMESPACE) -f examples/iris/trainingjob.yaml -f examples/iris/inferenceservice.yaml -f examples/iris/driftmonitor.yaml
	$(KUBECTL) wait -n $(DEMO_NAMESPACE) trainingjob/iris-train-1 --for=jsonpath='{.status.phase}'=Succeeded --timeout=10m
	$(KUBECTL) wait -n $(DEMO_NAMESPACE) modelversion -l mlcycle.io/model=iris --for=jsonpath='{.status.phase}'=Ready --timeout=5m
	@echo; echo "# a person approves the version the run registered; the InferenceService (track: latest) then serves it"
	version=$$($(KUBECTL) get -n $(DEMO_NAMESPACE) trainingjob/iris-train-1 -o jsonpath='{.status.modelVersion}'); \
	  $(KUBECTL) patch -n $(DEMO_NAMESPACE) modelversion/$$version --type merge -p '{"spec":{"approval":"Approved"}}'
	$(KUBECTL) wait -n $(DEMO_NAMESPACE) inferenceservice/iris --for=condition=Ready --timeout=5m
	@echo; echo "\$$ kubectl get mlis -n $(DEMO_NAMESPACE)"
	@$(KUBECTL) get mlis -n $(DEMO_NAMESPACE)
	@echo; echo "# one inference from a pod in the cluster, at status.url"
	$(KUBECTL) run iris-client -n $(DEMO_NAMESPACE) --rm -i --quiet --restart=Never --image=mlcycle.local/jre:17 \
	  --image-pull-policy=Never --command -- curl -sS -H 'Content-Type: application/json' \
	  -d '{"inputs":[{"name":"input","datatype":"FP32","shape":[2,4],"data":[5.1,3.5,1.4,0.2,6.7,3.1,5.6,2.4]}]}' \
	  "$$($(KUBECTL) get -n $(DEMO_NAMESPACE) mlis/iris -o jsonpath='{.status.url}')/v2/models/iris/infer"; echo
	@echo; echo "export KUBECONFIG=$(KUBECONFIG_FILE)"; echo "\$$ kubectl get tj,mv,mlis -n $(DEMO_NAMESPACE)"
	@$(KUBECTL) get tj,mv,mlis -n $(DEMO_NAMESPACE)
	@echo; echo "\$$ kubectl get mlcycle -n $(DEMO_NAMESPACE)"
	@$(KUBECTL) get mlcycle -n $(DEMO_NAMESPACE)
	@echo; echo "\$$ kubectl get pods -A"
	@$(KUBECTL) get pods -A

.PHONY: demo-canary
demo-canary: build cluster-up ## the canary story (examples/canary): a good retrain promoted, a mislabelled one rolled back, watched with kubectl get mlis -w
	$(KUBECTL) apply --server-side --force-conflicts -f crds/
	$(KUBECTL) wait --for condition=Established --timeout=60s -f crds/
	KUBECTL="$(KUBECTL)" CLUSTER_DIR=$(CLUSTER_DIR) examples/canary/story.sh

.PHONY: test
test: deps k8s build ## all tests: unit, real API server (kube-api-test), and e2e against the full local cluster
	e2e-tests/with-cluster.sh $(MVN) verify -Pe2e
	$(CLUSTER)/lifecycle-test.sh

.PHONY: unit
unit: deps k8s ## unit tests and kube-api-test tests only (no control plane needed)
	$(MVN) verify

.PHONY: build
build: ## compile, regenerate-and-check CRDs, package the operator (no tests)
	$(MVN) package -DskipTests

.PHONY: crds
crds: ## regenerate crds/ and the Helm chart's copy (helm/mlcycle/files/crds/) from the classes in operator/api
	$(MVN) -pl operator/api test -Dtest=CheckedInCrdsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmlcycle.writeCrds=true

.PHONY: k8s
k8s: ## build Kubernetes v1.34.4, etcd, CoreDNS, SeaweedFS, the GPU device plugin from source into ~/.cache/mlcycle (cached)
	$(CLUSTER)/build.sh

.PHONY: images
images: build ## container images (JRE base from Debian, pause, busybox, CoreDNS, SeaweedFS, operator, inference runtime, trainer); cached
	$(CLUSTER)/images.sh

.PHONY: cluster-up
cluster-up: build ## whole cluster: control plane + node (containerd, kubelet, GPUs, kube-proxy) + DNS, S3, operator
	$(CLUSTER)/cluster-up.sh

.PHONY: cluster-down
cluster-down: ## stop the whole cluster and remove every trace of it (processes, mounts, iptables, bridge, state)
	$(CLUSTER)/cluster-down.sh

.PHONY: argocd-up
argocd-up: ## a real Argo CD v3.6.1 beside the running cluster, mlcycle's health checks installed (API :18080, no login); cluster-down stops it
	$(CLUSTER)/argocd-up.sh

.PHONY: bench-cluster
bench-cluster: build ## time warm cluster-up (node + DNS + operator Ready) and cluster-down; writes bench/results/cluster.md
	$(CLUSTER)/bench.sh

.PHONY: bench-runtime
bench-runtime: build ## runtime vs in-process engine calls, batching on/off, MLServer and KServe; writes bench/results/runtime.md
	bench/runtime-bench.sh

.PHONY: bench-clients
bench-clients: build ## the runtime at batch 1 seen by wrk (REST) and ghz (gRPC), beside their floors and the engine-call time; writes bench/results/runtime-clients.md
	bench/clients-bench.sh

.PHONY: soak-runtime
soak-runtime: build ## 10 min at 70% of saturation, batching off then on: errors, RSS, heap, threads, fds; writes bench/results/soak.md
	bench/soak-runtime.sh

.PHONY: bench-serving
bench-serving: build cluster-up ## apply → answered by stage, the router against direct (REST, gRPC), weight-change time; writes bench/results/serving.md
	examples/iris/make-dataset.py > $(CLUSTER_DIR)/iris.csv
	$(CLUSTER)/s3-put.sh datasets/iris.csv $(CLUSTER_DIR)/iris.csv
	KUBECONFIG=$(KUBECONFIG_FILE) bench/serving-bench.sh

.PHONY: bench-rollout
bench-rollout: build cluster-up ## weight decision → split in effect, failed requests per rollout, time to catch a bad canary; writes bench/results/rollout.md
	examples/iris/make-dataset.py > $(CLUSTER_DIR)/iris.csv
	$(CLUSTER)/s3-put.sh datasets/iris.csv $(CLUSTER_DIR)/iris.csv
	KUBECONFIG=$(KUBECONFIG_FILE) bench/rollout-bench.py

.PHONY: bench-drift
bench-drift: build ## 1M+1M rows x 20 features: Evidently's DataDriftPreset against the trainer, runtime and operator drift path (time, memory, verdicts); writes bench/results/drift.md
	bench/drift-bench.sh

.PHONY: bench-drift-loop
bench-drift-loop: deps build cluster-up ## the closed loop with the demo's settings, drift onset to v2 promoted, by stage (runs make demo's story); writes bench/results/drift-loop.md
	$(KUBECTL) apply --server-side --force-conflicts -f crds/
	$(KUBECTL) wait --for condition=Established --timeout=60s -f crds/
	KUBECTL="$(KUBECTL)" CLUSTER_DIR=$(CLUSTER_DIR) NAMESPACE=$(DEMO_NAMESPACE) bench/drift-loop-bench.py

.PHONY: bench-training
bench-training: build cluster-up ## apply → ModelVersion Ready for the iris example, by stage, and the operator's reconcile p50/p99; writes bench/results/training.md
	examples/iris/make-dataset.py > $(CLUSTER_DIR)/iris.csv
	$(CLUSTER)/s3-put.sh datasets/iris.csv $(CLUSTER_DIR)/iris.csv
	KUBECONFIG=$(KUBECONFIG_FILE) bench/training-bench.py

.PHONY: apiserver-up
apiserver-up: ## start etcd, kube-apiserver, controller-manager, scheduler (kubeconfig: /tmp/mlcycle-cluster/kubeconfig)
	$(CLUSTER)/apiserver-up.sh

.PHONY: apiserver-down
apiserver-down: ## stop the control plane and remove its state
	$(CLUSTER)/apiserver-down.sh

.PHONY: clean
clean: ## remove build outputs (not the caches)
	$(MVN) -q clean
