#!/usr/bin/env python3
"""Per-window latency of LiteRT's Python interpreter on a .tflite model, one thread.

    python3 scripts/litert_bench.py model.tflite [windows.bin] [--calls 20000] [--runs 5]

Prints one JSON object: for each kernel set (XNNPACK delegate, builtin optimized kernels,
reference kernels) the median over runs of the per-call median of
  "invoke": interpreter.invoke() alone, input already set;
  "window": quantize → set_tensor → invoke → get_tensor → dequantize → MSE, as a device
            would run one window (int8-input models; float-input models skip the quantize).
`windows.bin` holds float32 rows of the input width (default: random normal rows).
`edgehybrid bench edge` compares EdgeCore against these numbers in the same run.
"""
import argparse
import json
import sys
import time

try:
    import numpy as np
    from ai_edge_litert.interpreter import Interpreter, OpResolverType
except ImportError as missing:
    sys.exit(f"litert_bench.py needs numpy and ai-edge-litert (pip install ai-edge-litert==2.3.0 numpy): {missing}")

KERNELS = {
    "xnnpack": OpResolverType.AUTO,
    "builtin": OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
    "reference": OpResolverType.BUILTIN_REF,
}


def median_per_call(function, calls, runs):
    """Median over `runs` of the median time of `calls` calls, in microseconds."""
    medians = []
    for _ in range(runs):
        for _ in range(min(100, calls)):
            function()
        times = np.empty(calls)
        for k in range(calls):
            start = time.perf_counter_ns()
            function()
            times[k] = time.perf_counter_ns() - start
        medians.append(float(np.median(times)) / 1e3)
    return {"median_us": float(np.median(medians)), "runs_us": medians}


def measure(model, windows, kernel, calls, runs):
    it = Interpreter(model_path=model, num_threads=1, experimental_op_resolver_type=KERNELS[kernel])
    it.allocate_tensors()
    inp, out = it.get_input_details()[0], it.get_output_details()[0]
    shape = inp["shape"]
    in_scale, in_zero = inp["quantization"]
    out_scale, out_zero = out["quantization"]
    int8_in, int8_out = inp["dtype"] == np.int8, out["dtype"] == np.int8
    rows = iter(range(10**12))

    def window():
        x = windows[next(rows) % len(windows)]
        if int8_in:
            q = np.clip(np.trunc(x / np.float32(in_scale) + np.copysign(np.float32(0.5), x)) + in_zero, -128, 127)
            it.set_tensor(inp["index"], q.astype(np.int8).reshape(shape))
        else:
            it.set_tensor(inp["index"], x.reshape(shape))
        it.invoke()
        y = it.get_tensor(out["index"]).reshape(-1)
        r = (y.astype(np.float32) - np.float32(out_zero)) * np.float32(out_scale) if int8_out else y
        return float(np.mean((x - r) ** 2))

    window()
    return {"invoke": median_per_call(it.invoke, calls, runs), "window": median_per_call(window, calls, runs)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("windows", nargs="?")
    ap.add_argument("--calls", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    width = int(np.prod(Interpreter(model_path=args.model).get_input_details()[0]["shape"][1:]))
    if args.windows:
        windows = np.fromfile(args.windows, dtype="<f4").reshape(-1, width)
    else:
        windows = np.random.default_rng(0).normal(size=(256, width)).astype(np.float32)
    result = {kernel: measure(args.model, windows, kernel, args.calls, args.runs) for kernel in KERNELS}
    print(json.dumps({"model": args.model, "threads": 1, **result}))


if __name__ == "__main__":
    main()
