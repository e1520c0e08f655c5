#!/usr/bin/env python3
"""Writes an iris-shaped CSV (150 rows, 50 per species) to stdout, made here and never fetched.

Each species' four measurements are drawn from normal distributions with the per-species means and standard
deviations of Fisher's 1936 iris data, with a fixed seed, so every run writes the same file (and the built-in
trainer, deterministic for a seed, registers the same model).

--relabel writes the same rows with each species' label given to the next one (setosa rows say versicolor, ...):
the bad-labels dataset of the canary story (examples/canary), whose model answers fast and without errors but wrongly.

--shift writes the changed world of the drift story (examples/drift): every measurement 1.6 times as large (another
seed), labelled with its species: what a data pipeline would deliver once the flowers grew.
"""
import random
import sys

SPECIES = {  # (mean, std) of sepal_length, sepal_width, petal_length, petal_width
    "setosa": [(5.006, 0.352), (3.428, 0.379), (1.462, 0.174), (0.246, 0.105)],
    "versicolor": [(5.936, 0.516), (2.770, 0.314), (4.260, 0.470), (1.326, 0.198)],
    "virginica": [(6.588, 0.636), (2.974, 0.322), (5.552, 0.552), (2.026, 0.275)],
}

names = list(SPECIES)
label = {s: names[(i + 1) % len(names)] for i, s in enumerate(names)} if "--relabel" in sys.argv[1:] else {s: s for s in names}
shift = "--shift" in sys.argv[1:]
scale = 1.6 if shift else 1.0
rng = random.Random(2026 if shift else 1936)
print("sepal_length,sepal_width,petal_length,petal_width,species")
for species, columns in SPECIES.items():
    for _ in range(50):
        values = [max(0.1, round(scale * rng.gauss(mean, std), 1)) for mean, std in columns]
        print(",".join(f"{v:.1f}" for v in values) + "," + label[species])
