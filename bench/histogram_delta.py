#!/usr/bin/env python3
"""Quantiles of the observations a Prometheus histogram gained between two scrapes.

Usage: histogram_delta.py BEFORE AFTER METRIC [LABEL=VALUE ...]
Prints "count=N mean_us=M p50_us=X p90_us=Y": the series of METRIC (a *_seconds histogram) whose labels include every
LABEL=VALUE given, summed; quantiles interpolated linearly inside the bucket that holds them, as Prometheus's
histogram_quantile() does.
"""
import re
import sys

LINE = re.compile(r'^(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?P<labels>[^}]*)\} (?P<value>\S+)')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def read(path, metric, wanted):
    buckets, total, count = {}, 0.0, 0.0
    with open(path) as scrape:
        for line in scrape:
            match = LINE.match(line)
            if not match:
                continue
            labels = dict(LABEL.findall(match['labels']))
            if any(labels.get(key) != value for key, value in wanted.items()):
                continue
            value = float(match['value'])
            if match['name'] == metric + '_bucket':
                bound = float('inf') if labels['le'] == '+Inf' else float(labels['le'])
                buckets[bound] = buckets.get(bound, 0.0) + value
            elif match['name'] == metric + '_sum':
                total += value
            elif match['name'] == metric + '_count':
                count += value
    return buckets, total, count


def quantile(q, bounds, counts):
    rank = q * counts[-1]
    lower, below = 0.0, 0.0
    for bound, cumulative in zip(bounds, counts):
        if cumulative >= rank:
            if bound == float('inf'):
                return lower
            inside = cumulative - below
            return lower + (bound - lower) * ((rank - below) / inside if inside else 0)
        lower, below = bound, cumulative
    return lower


def main():
    before, after, metric = sys.argv[1:4]
    wanted = dict(arg.split('=', 1) for arg in sys.argv[4:])
    b_buckets, b_sum, b_count = read(before, metric, wanted)
    a_buckets, a_sum, a_count = read(after, metric, wanted)
    bounds = sorted(a_buckets)
    counts = [a_buckets[bound] - b_buckets.get(bound, 0.0) for bound in bounds]
    n = a_count - b_count
    if n <= 0 or not bounds:
        print('count=0')
        return
    print('count=%d mean_us=%.0f p50_us=%.0f p90_us=%.0f' % (n, (a_sum - b_sum) / n * 1e6,
          quantile(0.5, bounds, counts) * 1e6, quantile(0.9, bounds, counts) * 1e6))


if __name__ == '__main__':
    main()
