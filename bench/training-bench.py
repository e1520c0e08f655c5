#!/usr/bin/env python3
"""Time from `kubectl apply` of a TrainingJob to its ModelVersion Ready, split into stages, and the operator's own
reconcile latency (p50/p99 from its mlcycle_reconcile_seconds histogram). Writes bench/results/training.md.

Runs on the local cluster (started by `make bench-training`), RUNS times (default 3) with the iris example
(examples/iris/trainingjob.yaml, warm images). Stage times come from the objects' own timestamps: Kubernetes'
are whole seconds, so each stage is ±1 s; the apply time and the end are taken here.
"""
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KUBECTL = [os.path.expanduser("~/.cache/mlcycle/k8s/v1.34.4/bin/kubectl"), "--kubeconfig",
           os.environ.get("KUBECONFIG", "/tmp/mlcycle-cluster/kubeconfig")]
NS = "mlcycle-bench"
RUNS = int(os.environ.get("RUNS", "3"))


def kubectl(*args, stdin=None):
    return subprocess.run(KUBECTL + list(args), input=stdin, capture_output=True, text=True, check=True).stdout


def get(kind, name):
    return json.loads(kubectl("get", kind, name, "-n", NS, "-o", "json"))


def ts(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def condition(obj, kind):
    return next((c for c in obj.get("status", {}).get("conditions", []) if c["type"] == kind), None)


def complete(job):
    """When the Job controller declared it done (SuccessCriteriaMet, else Complete)."""
    for kind in ("SuccessCriteriaMet", "Complete"):
        c = condition(job, kind)
        if c and c["status"] == "True":
            return ts(c["lastTransitionTime"])
    raise SystemExit(f"job {job['metadata']['name']} is not complete")


def container_state(pod):
    return pod["status"]["containerStatuses"][0]["state"]["terminated"]


def pod_of(selector):
    pods = json.loads(kubectl("get", "pods", "-n", NS, "-l", selector, "-o", "json"))["items"]
    return max(pods, key=lambda p: p["metadata"]["creationTimestamp"])


def one_run(i):
    name = f"iris-bench-{i}"
    manifest = open(os.path.join(ROOT, "examples/iris/trainingjob.yaml")).read().replace("name: iris-train-1", f"name: {name}")
    applied = time.time()
    kubectl("apply", "-n", NS, "-f", "-", stdin=manifest)
    deadline = applied + 900
    while True:
        tj = get("trainingjob", name)
        version = tj.get("status", {}).get("modelVersion")
        if tj.get("status", {}).get("phase") == "Failed":
            sys.exit(f"{name} failed: {tj['status']['conditions']}")
        if version:
            mv = get("modelversion", version)
            if mv.get("status", {}).get("phase") == "Ready":
                break
            if mv.get("status", {}).get("phase") == "Failed":
                sys.exit(f"{version} failed: {mv['status']['conditions']}")
        if time.time() > deadline:
            sys.exit(f"{name} not Ready in 15 min")
        time.sleep(0.2)
    ended = time.time()
    job = get("job", name)
    trainer = pod_of(f"mlcycle.io/training-job={name}")
    scheduled = ts(condition(trainer, "PodScheduled")["lastTransitionTime"])
    run = container_state(trainer)
    vjob = get("job", f"{version}-validate")
    validator = pod_of(f"mlcycle.io/model-version={version}")
    vrun = container_state(validator)
    ready = ts(condition(mv, "Ready")["lastTransitionTime"])
    t = {
        "apply → Job created (operator)": ts(job["metadata"]["creationTimestamp"]) - applied,
        "Job created → pod scheduled": scheduled - ts(job["metadata"]["creationTimestamp"]),
        "scheduled → trainer running": ts(run["startedAt"]) - scheduled,
        "training + upload (trainer)": ts(run["finishedAt"]) - ts(run["startedAt"]),
        "trainer done → Job Complete (Kubernetes)": complete(job) - ts(run["finishedAt"]),
        "Job Complete → ModelVersion created (operator)": ts(mv["metadata"]["creationTimestamp"]) - complete(job),
        "ModelVersion → validation Job created (operator)": ts(vjob["metadata"]["creationTimestamp"]) - ts(mv["metadata"]["creationTimestamp"]),
        "validation Job → validator running": ts(vrun["startedAt"]) - ts(vjob["metadata"]["creationTimestamp"]),
        "validation (runtime validate mode)": ts(vrun["finishedAt"]) - ts(vrun["startedAt"]),
        "validation done → Job Complete (Kubernetes)": complete(vjob) - ts(vrun["finishedAt"]),
        "validation Job Complete → ModelVersion Ready (operator)": ready - complete(vjob),
        "total: apply → Ready seen": ended - applied,
    }
    kubectl("delete", "trainingjob", name, "-n", NS, "--wait=false")
    return t


def reconcile_quantiles():
    ip = kubectl("get", "service", "mlcycle-operator", "-n", "mlcycle-system", "-o", "jsonpath={.spec.clusterIP}")
    text = urllib.request.urlopen(f"http://{ip}:8080/q/metrics", timeout=5).read().decode()
    buckets = {}
    for line in text.splitlines():
        if line.startswith("mlcycle_reconcile_seconds_bucket{"):
            labels, value = line.rsplit(" ", 1)
            kind = labels.split('kind="')[1].split('"')[0]
            le = labels.split('le="')[1].split('"')[0]
            le = float("inf") if le == "+Inf" else float(le)
            buckets.setdefault(kind, {}).setdefault(le, 0.0)
            buckets[kind][le] += float(value)   # summed over outcomes
    out = {}
    for kind, b in buckets.items():
        bounds = sorted(b)
        total = b[float("inf")]

        def q(p):
            for bound in bounds:
                if b[bound] >= p * total:
                    return bound
            return float("inf")
        out[kind] = (int(total), q(0.5), q(0.99))
    return out


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def main():
    subprocess.run(KUBECTL + ["delete", "namespace", NS, "--wait=true"], capture_output=True)   # versions of an earlier run
    kubectl("create", "namespace", NS)
    secret = json.loads(kubectl("get", "secret", "mlcycle-s3", "-n", "mlcycle-system", "-o", "json"))
    secret["metadata"] = {"name": "mlcycle-s3", "namespace": NS}
    kubectl("apply", "-f", "-", stdin=json.dumps(secret))
    runs = []
    for i in range(RUNS + 1):   # run 0 warms the node's image and page caches; not counted
        t = one_run(i)
        print(f"run {i}: " + ", ".join(f"{k.split(' (')[0]} {v:.1f}" for k, v in t.items()), file=sys.stderr)
        if i > 0:
            runs.append(t)
    quantiles = reconcile_quantiles()
    kubectl("delete", "namespace", NS, "--wait=false")
    median = lambda xs: sorted(xs)[len(xs) // 2]
    operator = [sum(v for k, v in r.items() if "(operator)" in k) for r in runs]
    lines = ["# Training: `kubectl apply` of a TrainingJob to its ModelVersion Ready", "",
             f"Command: `make bench-training` (`bench/training-bench.py`, RUNS={RUNS} after one warm-up run), "
             "the iris example (`examples/iris/trainingjob.yaml`, built-in xgboost, 150 rows) on the local cluster, "
             "warm images.", "",
             f"Machine: {os.cpu_count()} CPUs ({cpu_model()}), "
             f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB, {dt.date.today()}.", "",
             "Kubernetes' timestamps are whole seconds, so each stage is ±1 s (a stage may read 0 or even -1). "
             "\"(operator)\" stages start at what the operator waits for (the Job controller's verdict) and end at "
             "what it writes; \"(Kubernetes)\" ones are the kubelet and the Job controller.", "",
             "| stage | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " | median (s) |",
             "|---|" + "---|" * (len(runs) + 1)]
    for key in runs[0]:
        values = [r[key] for r in runs]
        lines.append(f"| {key} | " + " | ".join(f"{v:.1f}" for v in values) + f" | {median(values):.1f} |")
    lines.append("| **the operator's stages, summed** | " + " | ".join(f"{v:.1f}" for v in operator)
                 + f" | {median(operator):.1f} |")
    lines += ["", "Reconcile latency (`mlcycle_reconcile_seconds`, all reconciles since the operator started, "
              "bucket upper bounds):", "", "| kind | reconciles | p50 | p99 |", "|---|---|---|---|"]
    for kind, (n, p50, p99) in sorted(quantiles.items()):
        lines.append(f"| {kind} | {n} | {p50 * 1000:.1f} ms | {p99 * 1000:.1f} ms |")
    out = os.path.join(ROOT, "bench/results/training.md")
    open(out, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
