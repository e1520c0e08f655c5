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

.PHONY: demo
demo: build apiserver-up ## build, start the control plane, install the CRDs, apply examples/, show kubectl get mlcycle
	$(KUBECTL) apply --server-side --force-conflicts -f crds/
	$(KUBECTL) wait --for condition=Established --timeout=60s -f crds/
	$(KUBECTL) create namespace $(DEMO_NAMESPACE) --dry-run=client -o yaml | $(KUBECTL) apply -f -
	$(KUBECTL) apply -n $(DEMO_NAMESPACE) -R -f examples/
	@echo; echo "export KUBECONFIG=$(KUBECONFIG_FILE)"; echo "\$$ kubectl get mlcycle -n $(DEMO_NAMESPACE)"
	@$(KUBECTL) get mlcycle -n $(DEMO_NAMESPACE)

.PHONY: test
test: k8s ## all tests: unit, real API server (kube-api-test), and e2e against the local control plane
	e2e-tests/with-apiserver.sh $(MVN) verify -Pe2e

.PHONY: unit
unit: k8s ## unit tests and kube-api-test tests only (no control plane needed)
	$(MVN) verify

.PHONY: build
build: ## compile, regenerate-and-check CRDs, package the operator (no tests)
	$(MVN) package -DskipTests

.PHONY: crds
crds: ## regenerate crds/ from the classes in operator/api
	$(MVN) -pl operator/api test -Dtest=CheckedInCrdsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmlcycle.writeCrds=true

.PHONY: k8s
k8s: ## build Kubernetes v1.34.4 and etcd from source into ~/.cache/mlcycle (cached)
	$(CLUSTER)/build.sh

.PHONY: apiserver-up
apiserver-up: ## start etcd, kube-apiserver, controller-manager, scheduler (kubeconfig: /tmp/mlcycle-cluster/kubeconfig)
	$(CLUSTER)/apiserver-up.sh

.PHONY: apiserver-down
apiserver-down: ## stop the control plane and remove its state
	$(CLUSTER)/apiserver-down.sh

.PHONY: clean
clean: ## remove build outputs (not the caches)
	$(MVN) -q clean
