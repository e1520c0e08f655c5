#!/usr/bin/env python3
"""`make bench-rollout`: canary rollouts on the local cluster under a fixed load, written to bench/results/rollout.md.

One InferenceService (router provider) pinned to version 1 of the iris model, steps 10% → 50% → promoted, analysis
every INTERVAL seconds on the error rate. Requests go back to back through the router from this machine (the fixed
load), each answer's model_version and status recorded. Then:

- a good rollout: the spec pinned to version 2; for every weight the operator decided (status.canary.since, its own
  clock, the same machine's), the time until that split was in effect in the answers: the first answer by version 2
  after the first step; a window of 20 answers with at least the middle of the old and new share after a later step;
  20 answers in a row by version 2 after the promotion. Failed requests during the whole rollout.
- a bad canary: version 3 with a p99 latency threshold no answer meets (0.05 ms); the time from the canary's first
  traffic (its first step) to the rollback (status.lastRollout.finishedAt), against two analysis intervals.

Env: INTERVAL (analysis interval in seconds, default 5), PAUSE (each step's pause in seconds, default 15).
"""
import json
import os
import platform
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KUBECTL = [os.path.expanduser("~/.cache/mlcycle/k8s/v1.34.4/bin/kubectl"), "--kubeconfig",
           os.environ.get("KUBECONFIG", "/tmp/mlcycle-cluster/kubeconfig")]
NS = "mlcycle-bench-rollout"
OUT = os.environ.get("ROLLOUT_RESULTS", os.path.join(ROOT, "bench/results/rollout.md"))
INTERVAL = int(os.environ.get("INTERVAL", "5"))
PAUSE = int(os.environ.get("PAUSE", "15"))
BODY = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 4],
                               "data": [5.1, 3.5, 1.4, 0.2]}]}).encode()


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr)


def kubectl(*args, stdin=None, check=True):
    return subprocess.run(KUBECTL + list(args), input=stdin, capture_output=True, text=True, check=check).stdout


def get(kind, name):
    out = subprocess.run(KUBECTL + ["get", kind, name, "-n", NS, "-o", "json"], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else None


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def setup():
    kubectl("create", "namespace", NS, check=False)
    secret = json.loads(kubectl("get", "secret", "mlcycle-s3", "-n", "mlcycle-demo", "-o", "json"))
    secret["metadata"] = {"name": "mlcycle-s3", "namespace": NS}
    kubectl("apply", "-f", "-", stdin=json.dumps(secret))
    kubectl("apply", "-n", NS, "-f", "-", stdin=open(os.path.join(ROOT, "examples/iris/trainingjob.yaml")).read())
    kubectl("wait", "-n", NS, "trainingjob/iris-train-1", "--for=jsonpath={.status.phase}=Succeeded", "--timeout=10m")
    first = get("trainingjob", "iris-train-1")["status"]["modelVersion"]
    kubectl("wait", "-n", NS, f"modelversion/{first}", "--for=jsonpath={.status.phase}=Ready", "--timeout=5m")
    version = get("modelversion", first)
    for number in ("1", "2", "3"):
        copy = {"apiVersion": version["apiVersion"], "kind": "ModelVersion",
                "metadata": {"name": f"iris-bench-{number}", "namespace": NS}, "spec": dict(version["spec"])}
        copy["spec"]["version"] = f"bench-{number}"
        copy["spec"]["approval"] = "Approved"
        copy["spec"].pop("lineage", None)
        kubectl("apply", "-f", "-", stdin=json.dumps(copy))
    for number in ("1", "2", "3"):
        kubectl("wait", "-n", NS, f"modelversion/iris-bench-{number}", "--for=jsonpath={.status.phase}=Ready",
                "--timeout=5m")


def serve():
    kubectl("apply", "-f", "-", stdin=f"""
apiVersion: mlcycle.io/v1alpha1
kind: InferenceService
metadata: {{name: roll, namespace: {NS}}}
spec:
  model: {{name: iris, version: "bench-1"}}
  resources: {{cpu: 250m, memory: 1Gi}}
  rollout:
    steps: [{{weight: 10, pause: {PAUSE}s}}, {{weight: 50, pause: {PAUSE}s}}]
    analysis: {{interval: {INTERVAL}s, minRequests: 20, maxErrorRate: 0.05}}
""")
    kubectl("wait", "-n", NS, "inferenceservice/roll", "--for=condition=Ready", "--timeout=5m")
    return get("service", "roll")["spec"]["clusterIP"]


class Load:
    """Requests back to back through the router: (sent, model_version or None, HTTP status) of each."""

    def __init__(self, router):
        self.url = f"http://{router}/v2/models/roll/infer"
        self.answers = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            sent = time.time()
            request = urllib.request.Request(self.url, data=BODY, headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=5) as answer:
                    self.answers.append((sent, json.loads(answer.read()).get("model_version"), answer.status))
            except urllib.error.HTTPError as e:
                self.answers.append((sent, None, e.code))
            except OSError:
                self.answers.append((sent, None, 0))

    def close(self):
        self.stop.set()
        self.thread.join()


def watch_rollout(deadline, until):
    """Polls the InferenceService: the (weight, since) decisions of its canary, until `until(status)` holds."""
    decisions = {}
    while time.time() < deadline:
        status = get("inferenceservice", "roll")["status"]
        canary = status.get("canary")
        if canary and canary.get("since") and canary.get("weight", 0) > 0:
            decisions.setdefault(canary["weight"], instant(canary["since"]))
        if until(status):
            return decisions, status
        time.sleep(0.1)
    sys.exit(f"the rollout did not get there in time: {status}")


def effect(answers, decided, new, old_share, new_share):
    """When the split decided at `decided` showed in the answers (see the module's doc)."""
    after = [(t, v) for t, v, s in answers if t >= decided and s == 200]
    if old_share == 0:
        return next((t for t, v in after if v == new), None)
    window = 20
    for i in range(len(after) - window + 1):
        share = sum(1 for _, v in after[i:i + window] if v == new) / window
        if (new_share == 100 and share == 1.0) or (new_share < 100 and share >= (old_share + new_share) / 200):
            return after[i][0]
    return None


def main():
    rows = []
    log("training the iris model and registering versions bench-1..3")
    setup()
    router = serve()
    load = Load(router)
    time.sleep(3)
    log("good rollout: bench-1 → bench-2")
    kubectl("patch", "-n", NS, "inferenceservice/roll", "--type", "merge", "-p",
            '{"spec":{"model":{"version":"bench-2"}}}')
    started = time.time()
    decisions, status = watch_rollout(started + 300, lambda s: s.get("stable", {}).get("version") == "bench-2"
                                      and not s.get("canary"))
    time.sleep(2)
    previous = 0
    for weight in sorted(decisions):
        took = effect(list(load.answers), decisions[weight], "bench-2", previous, weight)
        rows.append((f"weight {previous}% → {weight}% decided (status.canary.since) → in effect in the answers",
                     f"took_ms={(took - decisions[weight]) * 1000:.0f} goal_ms=1000" if took else "never seen"))
        previous = weight
    during = [a for a in load.answers if a[0] >= started]
    failed = [a for a in during if a[2] != 200]
    rows.append(("good rollout bench-1 → bench-2 (10% → 50% → promoted), fixed load",
                 f"requests={len(during)} failed={len(failed)} goal_failed=0 "
                 f"took_s={time.time() - started:.1f} outcome={status['lastRollout']['outcome']}"))

    log("bad canary: bench-3 with a latency threshold nothing meets")
    kubectl("patch", "-n", NS, "inferenceservice/roll", "--type", "merge", "-p",
            '{"spec":{"model":{"version":"bench-3"},"rollout":{"analysis":{"maxLatencyP99":"0.05ms"}}}}')
    bad_start = time.time()
    decisions, status = watch_rollout(bad_start + 300, lambda s: s.get("lastRollout", {}).get("to") == "bench-3"
                                      and s["lastRollout"].get("outcome") == "RolledBack")
    first_traffic = decisions.get(10)
    caught = instant(status["lastRollout"]["finishedAt"])
    load.close()
    during = [a for a in load.answers if a[0] >= bad_start]
    rows.append(("bad canary bench-3 (p99 threshold 0.05 ms): first traffic → rolled back",
                 f"took_s={caught - first_traffic:.1f} goal_s={2 * INTERVAL} (two analysis intervals) "
                 f"failed={sum(1 for a in during if a[2] != 200)} reason=\"{status['lastRollout']['reason']}\""
                 if first_traffic else f"rolled back before any traffic: {status['lastRollout']['reason']}"))
    kubectl("delete", "namespace", NS, "--wait=false")

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as out:
        out.write("# Canary rollouts on the local cluster\n\n")
        out.write(f"Written by `bench/rollout-bench.py` (`make bench-rollout`) on "
                  f"{datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}, on the local cluster (one node: this "
                  f"machine, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}). Model: the iris "
                  f"example (XGBoost), one FP32 row per request, requests back to back through the router from this "
                  f"machine (Python urllib, one at a time). Rollout: steps 10% and 50%, {PAUSE} s each, analysis "
                  f"every {INTERVAL} s (error rate ≤ 5%, at least 20 requests).\n\n")
        out.write("- Weight decided: `status.canary.since` as the operator wrote it (the same clock as the load).\n")
        out.write("- In effect: first answer by the new version (0 → 10%); the first window of 20 answers with at "
                  "least the middle share (10% → 50%); 20 answers in a row by it (→ 100%).\n\n")
        out.write("| what | result |\n|---|---|\n")
        for label, result in rows:
            out.write(f"| {label} | `{result}` |\n")
    log(f"wrote {OUT}")


if __name__ == "__main__":
    main()
