// playground-cli bench: training throughput and grid-evaluation time of the
// engine, SIMD kernels (and natively --exact's) against the scalar reference,
// one JSON object per line.
#pragma once

// argv[0] is "bench"; options: --seconds S (per measurement, default 0.25),
// --network SHAPE (only that network, e.g. 2-8-8-8-8-8-8-1), --batch B.
// Returns the process exit code.
int run_bench(int argc, char** argv);
