#!/usr/bin/env python3
"""The cluster-side parts of `make bench-serving` (bench/serving-bench.sh runs them), each printing result lines
`LABEL | key=value ...` for the results table:

  serving-stages.py setup            namespace, S3 keys, the iris model trained by a TrainingJob, approved; a second
                                     version on the same artifact (for the switch)
  serving-stages.py stages RUNS      apply → Ready of a pinned InferenceService RUNS times, split into stages
  serving-stages.py serve NAME CPU   one InferenceService kept for the load runs; prints its router and revision
                                     Services' ClusterIPs
  serving-stages.py switch NAME      pin NAME to version 2: time from the router's ConfigMap change (a watch) to the
                                     first answer by the new revision (requests back to back through the router)

Stage boundaries are the first poll (one kubectl call, ~0.1-0.2 s apart) that saw them, and host-side probes of the
pod (its /v2/health/ready) and of the router (an inference through its Service).
"""
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KUBECTL = [os.path.expanduser("~/.cache/mlcycle/k8s/v1.34.4/bin/kubectl"), "--kubeconfig",
           os.environ.get("KUBECONFIG", "/tmp/mlcycle-cluster/kubeconfig")]
NS = "mlcycle-bench-serving"
ROW = [5.1, 3.5, 1.4, 0.2]


def kubectl(*args, stdin=None, check=True):
    return subprocess.run(KUBECTL + list(args), input=stdin, capture_output=True, text=True, check=check).stdout


def get(kind, name):
    out = subprocess.run(KUBECTL + ["get", kind, name, "-n", NS, "-o", "json"], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else None


def http(url, body=None, timeout=2.0):
    """(status, revision header) of one request; (0, None) when it could not be sent."""
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            answer.read()
            return answer.status, answer.headers.get("x-mlcycle-revision")
    except urllib.error.HTTPError as e:
        if os.environ.get("BENCH_DEBUG"):
            print(f"{time.time():.3f} HTTP {e.code}: {e.read()[:300]!r}", file=sys.stderr)
        return e.code, e.headers.get("x-mlcycle-revision")
    except OSError:
        return 0, None


def infer_body():
    return json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 4], "data": ROW}]}).encode()


def service(name, version, cpu):
    return f"""
apiVersion: mlcycle.io/v1alpha1
kind: InferenceService
metadata: {{name: {name}, namespace: {NS}}}
spec:
  model: {{name: iris, version: "{version}"}}
  resources: {{cpu: "{cpu}", memory: 1Gi}}
"""


def setup():
    kubectl("create", "namespace", NS, check=False)
    secret = json.loads(kubectl("get", "secret", "mlcycle-s3", "-n", "mlcycle-demo", "-o", "json"))
    secret["metadata"] = {"name": "mlcycle-s3", "namespace": NS}
    kubectl("apply", "-f", "-", stdin=json.dumps(secret))
    manifest = open(os.path.join(ROOT, "examples/iris/trainingjob.yaml")).read()
    kubectl("apply", "-n", NS, "-f", "-", stdin=manifest)
    kubectl("wait", "-n", NS, "trainingjob/iris-train-1", "--for=jsonpath={.status.phase}=Succeeded", "--timeout=10m")
    first = get("trainingjob", "iris-train-1")["status"]["modelVersion"]
    kubectl("wait", "-n", NS, f"modelversion/{first}", "--for=jsonpath={.status.phase}=Ready", "--timeout=5m")
    kubectl("patch", "-n", NS, f"modelversion/{first}", "--type", "merge", "-p", '{"spec":{"approval":"Approved"}}')
    version = get("modelversion", first)
    second = {"apiVersion": version["apiVersion"], "kind": "ModelVersion",
              "metadata": {"name": "iris-bench-2", "namespace": NS}, "spec": dict(version["spec"])}
    second["spec"]["version"] = "2"
    second["spec"]["approval"] = "Approved"
    second["spec"].pop("lineage", None)
    kubectl("apply", "-f", "-", stdin=json.dumps(second))
    kubectl("wait", "-n", NS, "modelversion/iris-bench-2", "--for=jsonpath={.status.phase}=Ready", "--timeout=5m")
    print(f"version 1 | {first}")


def stages(runs):
    totals = []
    for i in range(runs):
        name = f"stages-{i}"
        seen = {}
        applied = time.time()
        kubectl("apply", "-f", "-", stdin=service(name, "1", "1"))
        deadline = applied + 300
        router_ip = pod_ip = None
        while "routed" not in seen:
            if time.time() > deadline:
                sys.exit(f"{name} not routed in 5 min: {seen}")
            items = json.loads(kubectl("get", "deployments,pods,services,inferenceservices", "-n", NS, "-l",
                                       f"mlcycle.io/inferenceservice={name}", "-o", "json"))["items"]
            isvc = get("inferenceservice", name)
            now = time.time()
            pods = [o for o in items if o["kind"] == "Pod"
                    and o["metadata"].get("labels", {}).get("app.kubernetes.io/component") == "predictor"]
            pod = pods[0] if pods else None
            router = next((o for o in items if o["kind"] == "Service" and o["metadata"]["name"] == name), None)
            router_ip = router["spec"].get("clusterIP") if router else None
            pod_ip = pod["status"].get("podIP") if pod else None
            statuses = pod["status"].get("containerStatuses", []) if pod else []
            conditions = {c["type"]: c["status"] for c in (pod["status"].get("conditions", []) if pod else [])}
            ready = next((c for c in (isvc or {}).get("status", {}).get("conditions", []) if c["type"] == "Ready"), {})
            marks = {
                "deployment": any(o["kind"] == "Deployment" and o["metadata"]["name"] == f"{name}-v1" for o in items),
                "scheduled": pod is not None and bool(pod["spec"].get("nodeName")),
                "started": any("running" in s.get("state", {}) for s in statuses),
                "loaded": pod_ip is not None and http(f"http://{pod_ip}:8080/v2/health/ready", timeout=0.5)[0] == 200,
                "pod-ready": conditions.get("Ready") == "True",
                "ready": ready.get("status") == "True",
                "routed": router_ip is not None and http(f"http://{router_ip}/v2/models/{name}/infer",
                                                         infer_body())[0] == 200,
            }
            for mark, reached in marks.items():
                if reached and mark not in seen:
                    seen[mark] = now
            time.sleep(0.05)
        # A stage seen in the same poll as a later one gets its time: the order is the pipeline's.
        order = ["deployment", "scheduled", "started", "loaded", "pod-ready", "ready", "routed"]
        for k in range(len(order) - 2, -1, -1):
            seen.setdefault(order[k], seen[order[k + 1]])
            seen[order[k]] = min(seen[order[k]], seen[order[k + 1]])
        previous, parts = applied, []
        for mark in order:
            parts.append(f"{mark}={seen[mark] - previous:.2f}s")
            previous = seen[mark]
        total = seen["routed"] - applied
        totals.append(total)
        print(f"apply → answered through the router, run {i + 1} (stage times since the previous) | "
              f"{' '.join(parts)} total={total:.2f}s ready_total={seen['ready'] - applied:.2f}s")
        print(f"run {i + 1}: inside 'loaded', the runtime's own phases (mlcycle_model_load_duration_seconds) | "
              f"{load_phases(pod_ip)}")
        kubectl("delete", "inferenceservice", name, "-n", NS, "--wait=true", "--timeout=2m")
        # The next run must find the node as this one did: its pods gone, their CPU free again.
        kubectl("wait", "pods", "-n", NS, "-l", f"mlcycle.io/inferenceservice={name}", "--for=delete", "--timeout=2m")
    totals.sort()
    print(f"apply → answered, median of {runs} | total={totals[len(totals) // 2]:.2f}s goal=5s")


def load_phases(pod_ip):
    """The runtime's own fetch/load/warmup times; the rest of 'loaded' is the JVM and Quarkus starting."""
    with urllib.request.urlopen(f"http://{pod_ip}:8080/q/metrics", timeout=5) as answer:
        lines = answer.read().decode().splitlines()
    phases = {}
    for line in lines:
        if line.startswith("mlcycle_model_load_duration_seconds{"):
            phase = line.split('phase="')[1].split('"')[0]
            phases[phase] = float(line.rsplit(" ", 1)[1])
    return " ".join(f"{p}={phases[p]:.2f}s" for p in ("fetch", "load", "warmup") if p in phases)


def serve(name, cpu):
    kubectl("apply", "-f", "-", stdin=service(name, "1", cpu))
    deadline = time.time() + 300
    while True:
        status = (get("inferenceservice", name) or {}).get("status", {})
        ready = next((c for c in status.get("conditions", []) if c["type"] == "Ready"), {})
        if ready.get("status") == "True":
            break
        if time.time() > deadline:
            sys.exit(f"{name} not Ready in 5 min: {ready}")
        time.sleep(0.5)
    router = get("service", name)["spec"]["clusterIP"]
    revision = get("service", f"{name}-v1")["spec"]["clusterIP"]
    print(f"{router} {revision}")


def switch(name):
    """Pins version 2; a watch on the router's ConfigMap gives when the new weights were written, requests back to
    back through the router (GET /v2/health/ready: the router forwards it and says who answered) when they held."""
    router = get("service", name)["spec"]["clusterIP"]
    changes = []
    watch = subprocess.Popen(KUBECTL + ["get", "configmap", f"{name}-traffic", "-n", NS, "-w", "-o",
                                        "jsonpath={.data.traffic\\.json}{\"\\n\"}"], stdout=subprocess.PIPE, text=True)

    def follow():
        for line in watch.stdout:
            changes.append((time.time(), line.strip()))

    threading.Thread(target=follow, daemon=True).start()
    answers, failures, stop = [], [], threading.Event()

    def load():
        while not stop.is_set():
            sent = time.time()
            status, revision = http(f"http://{router}/v2/health/ready")
            (answers if status == 200 else failures).append((sent, revision, status))

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    time.sleep(1)
    if os.environ.get("BENCH_DEBUG"):
        print(f"{time.time():.3f} patching", file=sys.stderr)
    kubectl("patch", "-n", NS, f"inferenceservice/{name}", "--type", "merge",
            "-p", '{"spec":{"model":{"version":"2"}}}')
    deadline = time.time() + 300
    new_revision = f"{name}-v2"
    written = None
    while time.time() < deadline:
        written = next((t for t, text in changes if f'"name":"{new_revision}","service":"{new_revision}","weight":100'
                        in text), None)
        if written and any(t > written and r == new_revision for t, r, _ in answers):
            break
        time.sleep(0.05)
    time.sleep(1)
    stop.set()
    worker.join()
    watch.terminate()
    if written is None:
        sys.exit(f"the weights never moved to {new_revision}: {changes[-3:]}")
    first = min(t for t, r, _ in answers if r == new_revision)
    after = [r for t, r, _ in answers if t > first]
    old_after = sum(1 for r in after if r != new_revision)
    print(f"weight change: ConfigMap written (watch) → first answer by the new revision | "
          f"took_ms={max(0.0, first - written) * 1000:.0f} requests_after={len(after)} old_revision_after={old_after} "
          f"failed_during_switch={len(failures)} goal_ms=1000")
    for sent, revision, status in failures[:5]:
        print(f"failed request during the switch | at={sent - written:+.3f}s_after_the_weights status={status} "
              f"revision={revision}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        setup()
    elif command == "stages":
        stages(int(sys.argv[2]))
    elif command == "serve":
        serve(sys.argv[2], sys.argv[3])
    elif command == "switch":
        switch(sys.argv[2])
    else:
        sys.exit(f"unknown command {command}")
