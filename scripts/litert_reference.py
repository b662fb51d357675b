#!/usr/bin/env python3
"""Run a .tflite model through LiteRT's reference kernels on a file of input rows.

    python3 scripts/litert_reference.py model.tflite in.bin out.bin

`in.bin` holds N rows of the model's input width, back to back, in the input tensor's
dtype (int8, or little-endian float32 for float-input models); `out.bin` receives N rows
of the output width in the output tensor's dtype. The interpreter uses
OpResolverType.BUILTIN_REF (LiteRT's reference kernels, the arithmetic EdgeCore matches
bit for bit) with one thread. Standard output gets one JSON object describing what LiteRT
loaded: the row count, input/output and every tensor's shape, type and quantization.
Exits non-zero with a message on any problem.
"""
import json
import sys

try:
    import numpy as np
    from ai_edge_litert.interpreter import Interpreter, OpResolverType
except ImportError as missing:
    sys.exit(f"litert_reference.py needs numpy and ai-edge-litert (pip install ai-edge-litert==2.3.0 numpy): {missing}")

DTYPES = {np.dtype(np.int8): np.dtype("i1"), np.dtype(np.float32): np.dtype("<f4")}


def reference_interpreter(model_path):
    """A LiteRT interpreter on the reference kernels, tensors not yet allocated."""
    return Interpreter(
        model_path=str(model_path),
        num_threads=1,
        experimental_op_resolver_type=OpResolverType.BUILTIN_REF,
    )


def describe(detail):
    """A tensor's name, shape, dtype and quantization as LiteRT reports them."""
    q = detail["quantization_parameters"]
    return {
        "name": detail["name"],
        "shape": [int(d) for d in detail["shape"]],
        "dtype": np.dtype(detail["dtype"]).name,
        "scales": [float(s) for s in q["scales"]],
        "zero_points": [int(z) for z in q["zero_points"]],
        "quantized_dimension": int(q["quantized_dimension"]),
    }


def run_reference(model_path, rows):
    """Outputs of the reference kernels for `rows` (shape [N, input width]): one batched call
    when the model's batch dimension is dynamic, else one call a row."""
    it = reference_interpreter(model_path)
    inp, out = it.get_input_details()[0], it.get_output_details()[0]
    if rows.dtype != inp["dtype"]:
        raise ValueError(f"input rows are {rows.dtype}, the model wants {np.dtype(inp['dtype'])}")
    shape = [int(d) for d in inp["shape"]]
    if len(inp["shape_signature"]) and inp["shape_signature"][0] == -1:
        it.resize_tensor_input(inp["index"], [rows.shape[0]] + shape[1:])
        it.allocate_tensors()
        it.set_tensor(inp["index"], rows.reshape([rows.shape[0]] + shape[1:]))
        it.invoke()
        result = it.get_tensor(out["index"]).reshape(rows.shape[0], -1)
    else:
        it.allocate_tensors()
        result = np.empty((rows.shape[0], int(np.prod(out["shape"]))), dtype=out["dtype"])
        for i, row in enumerate(rows):
            it.set_tensor(inp["index"], row.reshape(shape))
            it.invoke()
            result[i] = it.get_tensor(out["index"]).reshape(-1)
    return result.astype(out["dtype"])


def main(argv):
    if len(argv) != 4:
        sys.exit("usage: litert_reference.py model.tflite in.bin out.bin")
    model_path, in_path, out_path = argv[1:]
    it = reference_interpreter(model_path)
    inp, out = it.get_input_details()[0], it.get_output_details()[0]
    in_dtype, out_dtype = np.dtype(inp["dtype"]), np.dtype(out["dtype"])
    if in_dtype not in DTYPES or out_dtype not in DTYPES:
        sys.exit(f"{model_path}: input {in_dtype} / output {out_dtype}; only int8 and float32 are supported")
    width = int(np.prod(inp["shape"][1:]))
    flat = np.fromfile(in_path, dtype=DTYPES[in_dtype])
    if flat.size == 0 or flat.size % width != 0:
        sys.exit(f"{in_path}: {flat.size} values is not a whole number of rows of width {width}")
    rows = flat.reshape(-1, width).astype(in_dtype)
    run_reference(model_path, rows).astype(DTYPES[out_dtype]).tofile(out_path)
    it.allocate_tensors()
    json.dump(
        {
            "rows": int(rows.shape[0]),
            "input": describe(inp),
            "output": describe(out),
            "tensors": [describe(t) for t in it.get_tensor_details()],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv)
