#!/usr/bin/env python3
"""Writes bench/results/drift.md (Markdown, to stdout) from DriftBench's JSON and evidently_drift.py's JSON line.

    drift_report.py REFERENCE.json WINDOW.json EVIDENTLY.json --command C --machine M --load L
"""
import argparse
import datetime
import json

GOAL_TOTAL_S, GOAL_RSS_MIB, GOAL_EVAL_MS = 1.6, 256, 10
TESTS = {"K-S p_value": "ks", "Wasserstein distance (normed)": "wasserstein", "Jensen-Shannon distance": "jensenShannon",
         "chi-square p_value": "chiSquare", "Z-test p_value": "z", "PSI": "psi"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("reference")
    parser.add_argument("window")
    parser.add_argument("evidently")
    parser.add_argument("--command", required=True)
    parser.add_argument("--machine", required=True)
    parser.add_argument("--load", required=True)
    args = parser.parse_args()
    with open(args.reference) as f:
        ref = json.load(f)
    with open(args.window) as f:
        ours = json.load(f)
    with open(args.evidently) as f:
        theirs = json.loads(f.read().strip().splitlines()[-1])

    window = ours["sketchCurrentSeconds"] + ours["firstEvaluationSeconds"]
    total = ref["referenceProfileSeconds"] + window
    same = all(TESTS[theirs["columns"][c]["test"]] == ours["columns"][c]["test"]
               and theirs["columns"][c]["drifted"] == ours["columns"][c]["drifted"] for c in theirs["columns"])
    same = same and set(theirs["columns"]) == set(ours["columns"]) and theirs["drifted"] == ours["drifted"]
    drifted_ours = sum(1 for c in ours["columns"].values() if c["drifted"])
    drifted_theirs = sum(1 for c in theirs["columns"].values() if c["drifted"])
    print(f"""# Drift: Evidently's DataDriftPreset against mlcycle's drift path

Command: `{args.command}` (`bench/drift-bench.sh`; the mlcycle side is `bench/drift/.../DriftBench.java`).

Machine: {args.machine}, {datetime.date.today().isoformat()}; load average (1/5/15 min) {args.load}: the machine is
shared, so the figures are this run's; both sides ran one after the other on the same table.

The table (`bench/drift/src/main/python/drift_tables.py bench`): {ref['referenceRows']:,} reference and
{ours['currentRows']:,} current rows of {ours['features']} numeric features (normal, varied means and spreads), 5 of
them (f00, f04, f08, f12, f16) shifted by 0.3 standard deviations, FP32, in files both sides read.

- **Evidently {theirs['evidently']}**: `Report([DataDriftPreset()]).run(...)` and `as_dict()` on pandas DataFrames
  (float64) of both tables, loaded before the clock starts; peak RSS of the Python process.
- **mlcycle**, two processes as in production:
  - *the trainer*: its reference profile (`ReferenceProfileBuilder`, as `reference-profile.json` is written: deciles
    and 1001 quantiles per feature, features in parallel) of the reference rows, loaded before the clock starts,
    `-Xmx{ref['maxHeapMiB']:.0f}m`;
  - *the runtime pods and the operator*: {ours['pods']} pods' recorders (`DriftProfiles` + `ProfilingModel`, the
    serving path) each taking every {ours['pods']}th batch of {ours['batchRows']} rows, read from the file batch by
    batch inside the clock, on {ours['threads']} threads; then the operator merging the pods' `/profile` JSON
    (`ProfileWindow`) and judging the window (`WindowEvaluation`, DataDriftPreset's defaults),
    `-Xmx{ours['maxHeapMiB']:.0f}m`. Peak RSS is each process's VmHWM.

| stage | mlcycle | Evidently |
|---|---|---|
| reference profile (the trainer; once per version, at training time) | {ref['referenceProfileSeconds']:.2f} s | |
| sketch the current rows (runtime pods; in production spread over a window's requests) | {ours['sketchCurrentSeconds']:.2f} s | |
| first evaluation of the merged window (operator) | {ours['firstEvaluationSeconds'] * 1000:.0f} ms | |
| **both tables to a verdict** | **{total:.2f} s** ({theirs['seconds'] / total:.0f}×; goal ≤ {GOAL_TOTAL_S} s and ≥ 50×: {'met' if total <= GOAL_TOTAL_S else 'not met'}) | **{theirs['seconds']:.1f} s** |
| a window to a verdict (the reference profiled once per version) | {window:.2f} s ({theirs['seconds'] / window:.0f}×) | |
| peak RSS | trainer {ref['peakRssMiB']:.0f} MiB (it holds the {ref['referenceRows'] * ref['features'] * 4 / 2**20:.0f} MiB of rows); pods + operator {ours['peakRssMiB']:.0f} MiB (goal ≤ {GOAL_RSS_MIB} MiB: {'met' if ours['peakRssMiB'] <= GOAL_RSS_MIB else 'not met'}) | {theirs['peakRssMiB']:.0f} MiB |
| one evaluation of the merged window ({ours['features']} features, {ours['pods']} pods), {ours['evaluations']} runs | p50 {ours['evaluationMsP50']:.1f} ms, p99 {ours['evaluationMsP99']:.1f} ms (goal ≤ {GOAL_EVAL_MS} ms: {'met' if ours['evaluationMsP50'] <= GOAL_EVAL_MS else 'not met'} at p50) | |

## Verdicts: {'the same' if same else 'DIFFERENT'}

Drifted features: mlcycle {drifted_ours} of {len(ours['columns'])}, Evidently {drifted_theirs} of
{len(theirs['columns'])}; drift share {ours['share']:.2f} / {theirs['share']:.2f}; dataset drifted (share ≥ 0.5):
{ours['drifted']} / {theirs['drifted']}.

| feature | mlcycle test | mlcycle score | Evidently test | Evidently score | drifted (mlcycle / Evidently) |
|---|---|---|---|---|---|""")
    for column in sorted(theirs["columns"]):
        t = theirs["columns"][column]
        o = ours["columns"].get(column, {"test": "-", "score": float("nan"), "drifted": None})
        print(f"| {column} | {o['test']} | {o['score']:.4f} | {t['test']} | {t['score']:.4f} | "
              f"{o['drifted']} / {t['drifted']} |")


if __name__ == "__main__":
    main()
