#!/usr/bin/env python3
"""The closed loop on the local cluster with the demo's settings (examples/drift), drift onset to the retrained
version promoted, split into stages. Runs examples/drift/story.sh (make demo's story, whose load generator checks every
answer) and watches the cluster beside it: every stage boundary is the first poll (one kubectl call, about 0.5 s apart)
that saw it. Writes bench/results/drift-loop.md.

    KUBECTL=... CLUSTER_DIR=... NAMESPACE=... bench/drift-loop-bench.py      (make bench-drift-loop)
"""
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KUBECTL = shlex.split(os.environ["KUBECTL"])
NS = os.environ.get("NAMESPACE", "mlcycle-demo")
OUT = os.environ.get("BENCH_RESULTS", os.path.join(ROOT, "bench/results/drift-loop.md"))
SHIFT_LINE = "the world changes"


def snapshot():
    out = subprocess.run(KUBECTL + ["get", "driftmonitors,trainingjobs,modelversions,inferenceservices", "-n", NS,
                                    "-o", "json"], capture_output=True, text=True)
    return json.loads(out.stdout)["items"] if out.returncode == 0 else []


def condition(obj, kind):
    return next((c.get("status") for c in obj.get("status", {}).get("conditions", []) if c["type"] == kind), None)


def marks(items):
    """The stage boundaries this poll shows (only after the shift, so the first version's own rollout is not counted)."""
    by = {(o["kind"], o["metadata"]["name"]): o for o in items}
    dm = by.get(("DriftMonitor", "iris-drift"), {})
    mlis = by.get(("InferenceService", "iris-drift"), {})
    retrain = dm.get("status", {}).get("lastRetrain") or {}
    job = by.get(("TrainingJob", retrain.get("trainingJob", "")))
    version = (job or {}).get("status", {}).get("modelVersion")
    mv = by.get(("ModelVersion", version or ""))
    canary = mlis.get("status", {}).get("canary") or {}
    on_canary = version is not None and canary.get("modelVersion") == version
    seen = {
        "drifted": condition(dm, "Drifted") == "True",
        "retrain ordered": job is not None,
        "trained": job is not None and job.get("status", {}).get("phase") == "Succeeded",
        "registered": mv is not None,
        "approved by the gate": mv is not None and condition(mv, "ChampionGate") == "True",
        "validated (Ready)": mv is not None and condition(mv, "Ready") == "True",
        "canary serving": on_canary and (canary.get("weight") or 0) > 0,
        "promoted": version is not None and mlis.get("status", {}).get("stable", {}).get("modelVersion") == version,
    }
    for step in (1, 2):
        seen[f"canary step {step} ({'20' if step == 1 else '60'}%)"] = on_canary and (canary.get("step") or 0) >= step
    return seen


ORDER = ["drifted", "retrain ordered", "trained", "registered", "validated (Ready)", "approved by the gate",
         "canary serving", "canary step 1 (20%)", "canary step 2 (60%)", "promoted"]


def main():
    env = dict(os.environ)
    story = subprocess.Popen([os.path.join(ROOT, "examples/drift/story.sh")], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    shifted = {}
    lines = []

    def read():
        for line in story.stdout:
            sys.stdout.write(line)
            lines.append(line)
            if SHIFT_LINE in line and "at" not in shifted:
                shifted["at"] = time.time()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen = {}
    while story.poll() is None:
        if "at" in shifted:
            now = time.time()
            for name, hit in marks(snapshot()).items():
                if hit and name not in seen:
                    seen[name] = now - shifted["at"]
        time.sleep(0.5)
    reader.join(5)
    if story.returncode != 0:
        sys.exit(f"the story failed ({story.returncode}); nothing written")
    failed = next((l for l in lines if l.startswith("load: stopped")), "").strip()
    machine = (f"{os.cpu_count()} CPUs, "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB")
    with open(OUT, "w") as out:
        out.write(f"""# Drift: the closed loop on the local cluster, drift onset to the retrained version promoted

Command: `make bench-drift-loop` (`bench/drift-loop-bench.py`, which runs `examples/drift/story.sh`, the story of
`make demo`, and polls the namespace's DriftMonitors, TrainingJobs, ModelVersions and InferenceServices about every
0.5 s). The demo's settings: 10 s windows, 2 drifted windows in a row, Auto approval with the champion gate, canary
steps 20% and 60% with 20 s pauses, analysis every 10 s; live load of about 20 requests a second, every answer checked.

Machine: {machine}, {dt.date.today().isoformat()}. Times are seconds after the traffic shifted (the story's
"{SHIFT_LINE}" line), each the first poll that saw it (±0.5 s).

| stage reached | seconds after the shift | stage took |
|---|---|---|
""")
        previous = 0.0
        for name in ORDER:
            if name in seen:
                out.write(f"| {name} | {seen[name]:.1f} | {seen[name] - previous:.1f} |\n")
                previous = max(previous, seen[name])
            else:
                out.write(f"| {name} | not seen | |\n")
        total = seen.get("promoted")
        out.write(f"""
**Drift onset to promoted: {f'{total:.0f} s' if total is not None else 'not seen'}** (goal ≤ 300 s:
{'met' if total is not None and total <= 300 else 'not met'}). Load: {failed or 'see the story output'}; the story fails
on any failed request, so a written file means none failed.
""")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
