#!/usr/bin/env python3
"""The drift story's live traffic: iris flowers drawn as make-dataset.py draws them, four a request, about twenty
requests a second to URL, every answer checked. While the file SHIFT exists the flowers come from the changed world
(every measurement 1.6 times as large); once the file STOP exists it stops and prints how many requests failed.
Every 10 s it prints a line: requests answered, failed, and which world.

    load.py URL SHIFT STOP
"""
import http.client
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request

SPECIES = [  # (mean, std) of sepal_length, sepal_width, petal_length, petal_width, as in make-dataset.py
    [(5.006, 0.352), (3.428, 0.379), (1.462, 0.174), (0.246, 0.105)],
    [(5.936, 0.516), (2.770, 0.314), (4.260, 0.470), (1.326, 0.198)],
    [(6.588, 0.636), (2.974, 0.322), (5.552, 0.552), (2.026, 0.275)],
]


def flower(rng, scale):
    columns = rng.choice(SPECIES)
    return [max(0.1, round(scale * rng.gauss(mean, std), 1)) for mean, std in columns]


def main(url, shift_file, stop_file):
    rng = random.Random(7)
    answered = failed = 0
    last = time.monotonic()
    while not os.path.exists(stop_file):
        scale = 1.6 if os.path.exists(shift_file) else 1.0
        rows = [flower(rng, scale) for _ in range(4)]
        body = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [4, 4],
                                       "data": [v for row in rows for v in row]}]}).encode()
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                outputs = json.load(answer).get("outputs")
                if answer.status == 200 and outputs:
                    answered += 1
                else:
                    failed += 1
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as e:
            failed += 1
            print(f"load: failed: {e}", flush=True)
        if time.monotonic() - last >= 10:
            last = time.monotonic()
            print(f"load: {answered} answered, {failed} failed, {'shifted' if scale > 1 else 'training-like'} "
                  "flowers", flush=True)
        time.sleep(0.05)
    print(f"load: stopped: {answered} answered, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
