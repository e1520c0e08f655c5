#!/usr/bin/env python3
"""Time from `kubectl apply` of a TrainingJob to its ModelVersion Ready, split into stages, and the operator's own
reconcile latency (p50/p99 from its mlcycle_reconcile_seconds histogram). Writes bench/results/training.md.

Runs on the local cluster (started by `make bench-training`), RUNS times (default 3) with the iris example
(examples/iris/trainingjob.yaml, warm images). Stage boundaries are the first poll (one kubectl call, ~0.2 s apart) that saw them.
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


def one_run(i):
    """One training; every stage boundary is the first poll (one kubectl call, ~0.2 s apart) that saw it."""
    name = f"iris-bench-{i}"
    manifest = open(os.path.join(ROOT, "examples/iris/trainingjob.yaml")).read().replace("name: iris-train-1", f"name: {name}")
    seen = {}
    applied = time.time()
    kubectl("apply", "-n", NS, "-f", "-", stdin=manifest)
    deadline = applied + 900
    version = None
    while "ready" not in seen:
        if time.time() > deadline:
            sys.exit(f"{name} not Ready in 15 min")
        items = json.loads(kubectl("get", "trainingjobs,modelversions,jobs,pods", "-n", NS, "-o", "json"))["items"]
        now = time.time()
        by = {(o["kind"], o["metadata"]["name"]): o for o in items}
        tj = by.get(("TrainingJob", name), {})
        if tj.get("status", {}).get("phase") == "Failed":
            sys.exit(f"{name} failed: {tj['status']['conditions']}")
        version = tj.get("status", {}).get("modelVersion") or version
        job = by.get(("Job", name))
        trainer = next((o for (k, _), o in by.items() if k == "Pod"
                        and o["metadata"].get("labels", {}).get("mlcycle.io/training-job") == name), None)
        mv = next((o for (k, _), o in by.items() if k == "ModelVersion"
                   and o["metadata"].get("labels", {}).get("mlcycle.io/training-job") == name), None)
        vjob = by.get(("Job", f"{mv['metadata']['name']}-validate")) if mv else None
        marks = {
            "job": job is not None,
            "running": trainer is not None and trainer["status"].get("phase") in ("Running", "Succeeded"),
            "trained": trainer is not None and trainer["status"].get("phase") == "Succeeded",
            "job-done": job is not None and done(job),
            "registered": mv is not None,
            "validating": vjob is not None,
            "validated": vjob is not None and done(vjob),
            "ready": mv is not None and mv.get("status", {}).get("phase") == "Ready",
        }
        for mark, reached in marks.items():
            if reached and mark not in seen:
                seen[mark] = now
        if mv is not None and mv.get("status", {}).get("phase") == "Failed":
            sys.exit(f"{mv['metadata']['name']} failed: {mv['status']['conditions']}")
    t = {
        "apply → Job created (operator)": seen["job"] - applied,
        "Job created → trainer running (scheduler, kubelet)": seen["running"] - seen["job"],
        "training + upload (trainer)": seen["trained"] - seen["running"],
        "trainer done → Job's verdict (kubelet, Job controller)": seen["job-done"] - seen["trained"],
        "Job's verdict → ModelVersion created (operator)": seen["registered"] - seen["job-done"],
        "ModelVersion → validation Job created (operator)": seen["validating"] - seen["registered"],
        "validation Job → its verdict (kubelet, runtime validate mode, Job controller)": seen["validated"] - seen["validating"],
        "validation verdict → ModelVersion Ready (operator)": seen["ready"] - seen["validated"],
        "total: apply → Ready seen": seen["ready"] - applied,
    }
    kubectl("delete", "trainingjob", name, "-n", NS, "--wait=false")
    return t


def done(job):
    """The Job controller's verdict: SuccessCriteriaMet (or Complete) is True."""
    return any(c["type"] in ("SuccessCriteriaMet", "Complete") and c["status"] == "True"
               for c in job.get("status", {}).get("conditions", []))


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
             "Each stage boundary is the first poll that saw it: one `kubectl get` of the namespace's TrainingJobs, "
             "ModelVersions, Jobs and pods, about 0.2 s apart, so each stage is ±0.2 s and a stage's own poll lag "
             "cancels out. \"(operator)\" stages start at what the operator waits for and end at what it writes.", "",
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
