// playground-cli bench: training throughput and grid-evaluation time of the
// engine, SIMD kernels (and natively --exact's) against the scalar reference,
// one JSON object per line; beside them the multiply-add peak of one core
// (and training's share of it), the app's heatmap work per frame for large
// networks, and an Eigen 3.4 peer on the same network in the same run.
#pragma once

// argv[0] is "bench"; options: --seconds S (per measurement, default 0.25),
// --network SHAPE (only that network, e.g. 2-8-8-8-8-8-8-1), --batch B.
// Returns the process exit code: 0, or 1 for a bad argument (found before
// anything is measured).
int run_bench(int argc, char** argv);
