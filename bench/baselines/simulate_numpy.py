"""The growth simulator as an analyst would write it in numpy: the baseline of `simulate.vs-numpy`.

Reads one JSON object on stdin (written by bench/figures/simulate.ts):
  draws, chunk, seed, sectors (S), mid[4S], sd[4S] (growth %, variable s*4+q),
  sectorCorrelation (one number for every pair), quarterCorrelation (AR(1)),
  weights {key: [4S]} (FY growth of key = weights . g), targets {key: {low, high}}
and prints one JSON object: draws, seconds, drawsPerSecond, probabilities {key: {low, high}}.

Each draw: 4S correlated normals via the Cholesky factor of C (x) AR(1), scaled by sd and shifted by mid; the FY
growth of the total and of each sector is a linear form of the 4S growths; P(FY >= target) is the share of draws.
Vectorised over a chunk of draws; timed with perf_counter around the sampling loop only.
"""

import json
import sys
import time

import numpy as np


def main() -> None:
    spec = json.load(sys.stdin)
    draws = int(spec["draws"])
    chunk = int(spec.get("chunk", 250_000))
    S = int(spec["sectors"])
    mid = np.asarray(spec["mid"], dtype=np.float64)
    sd = np.asarray(spec["sd"], dtype=np.float64)
    rho = float(spec["sectorCorrelation"])
    rho_q = float(spec["quarterCorrelation"])
    keys = list(spec["targets"].keys())
    W = np.column_stack([np.asarray(spec["weights"][k], dtype=np.float64) for k in keys])  # 4S x K
    low = np.array([spec["targets"][k]["low"] for k in keys]) - 1e-9
    high = np.array([spec["targets"][k]["high"] for k in keys]) - 1e-9

    C = np.full((S, S), rho)
    np.fill_diagonal(C, 1.0)
    q = np.arange(4)
    R = rho_q ** np.abs(q[:, None] - q[None, :])
    corr = np.kron(C, R)
    L = np.linalg.cholesky(corr)
    A = (L * sd[:, None]).T  # z @ A = correlated growth deviations

    rng = np.random.default_rng(int(spec["seed"]))
    reach_low = np.zeros(len(keys))
    reach_high = np.zeros(len(keys))
    t0 = time.perf_counter()
    c0 = time.process_time()
    done = 0
    while done < draws:
        m = min(chunk, draws - done)
        z = rng.standard_normal((m, 4 * S))
        g = mid + z @ A
        fy = g @ W
        reach_low += (fy >= low).sum(axis=0)
        reach_high += (fy >= high).sum(axis=0)
        done += m
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    out = {
        "draws": draws,
        "seconds": seconds,
        "cpuSeconds": cpu_seconds,
        "drawsPerSecond": draws / seconds,
        "probabilities": {k: {"low": reach_low[i] / draws, "high": reach_high[i] / draws} for i, k in enumerate(keys)},
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
