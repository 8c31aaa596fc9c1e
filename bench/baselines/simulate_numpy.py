"""The growth simulator in tuned, vectorised numpy: the baseline of `simulate.vs-numpy-tuned` and
`simulate.full.vs-numpy-same-outputs`.

A persistent process. The first line on stdin is the model (written by bench/figures/simulate.ts):
  seed, free (n normals per draw), targets {key: {low, high}} with fused forms targetConst[K], targetWeights[K][n]
  (FY_k = c_k + f_k . z), and every series the engine returns: seriesConst[S], seriesWeights[S][n], seriesMean[S],
  histLow[S], histInvWidth[S], bins.
Then one JSON line per job: {"mode": "probabilities" | "full", "draws": N}; each answer is one JSON line with
the seconds and CPU seconds of the sampling loop only (perf_counter / process_time), and the outputs.

probabilities: per chunk of ~16k draws, z (chunk x n) standard normals, FY = c + z @ F (the FY linear forms fused
with the Cholesky factor once, like the engine's `simulateProbabilities`), counts of FY >= low / high.
full: the same, for all S series: sums and sums of squares around the series mean, and 8192-bin histograms
with under/over counts (np.bincount), plus the target counts: every output `simulateChunk` returns.
"""

import json
import sys
import time

import numpy as np

CHUNK = 16_384
TOLERANCE = 1e-9


def main() -> None:
    model = json.loads(sys.stdin.readline())
    rng = np.random.default_rng(int(model["seed"]))
    keys = list(model["targets"].keys())
    tc = np.asarray(model["targetConst"], dtype=np.float64)
    tf = np.asarray(model["targetWeights"], dtype=np.float64).T.copy()  # n x K
    low = np.array([model["targets"][k]["low"] for k in keys]) - TOLERANCE
    high = np.array([model["targets"][k]["high"] for k in keys]) - TOLERANCE
    sc = np.asarray(model["seriesConst"], dtype=np.float64)
    sf = np.asarray(model["seriesWeights"], dtype=np.float64).T.copy()  # n x S
    smean = np.asarray(model["seriesMean"], dtype=np.float64)
    hlow = np.asarray(model["histLow"], dtype=np.float64)
    hinv = np.asarray(model["histInvWidth"], dtype=np.float64)
    bins = int(model["bins"])
    n = int(model["free"])
    S = len(sc)
    offsets = (np.arange(S) * (bins + 2))[None, :]

    for line in sys.stdin:
        job = json.loads(line)
        draws = int(job["draws"])
        full = job["mode"] == "full"
        reach_low = np.zeros(len(keys))
        reach_high = np.zeros(len(keys))
        s1 = np.zeros(S)
        s2 = np.zeros(S)
        hist = np.zeros(S * (bins + 2), dtype=np.int64)
        t0 = time.perf_counter()
        c0 = time.process_time()
        done = 0
        while done < draws:
            m = min(CHUNK, draws - done)
            z = rng.standard_normal((m, n))
            fy = z @ tf
            fy += tc
            reach_low += (fy >= low).sum(axis=0)
            reach_high += (fy >= high).sum(axis=0)
            if full:
                v = z @ sf
                v += sc
                d = v - smean
                s1 += d.sum(axis=0)
                s2 += (d * d).sum(axis=0)
                b = np.floor((v - hlow) * hinv)
                np.clip(b, -1, bins, out=b)
                idx = b.astype(np.int64) + 1 + offsets
                hist += np.bincount(idx.ravel(), minlength=S * (bins + 2))
            done += m
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0
        out = {
            "draws": draws,
            "seconds": seconds,
            "cpuSeconds": cpu,
            "probabilities": {k: {"low": reach_low[i] / draws, "high": reach_high[i] / draws} for i, k in enumerate(keys)},
        }
        if full:
            out["histogramTotal"] = int(hist.sum())
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
