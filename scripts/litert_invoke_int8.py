#!/usr/bin/env python3
"""Runs an int8 .tflite on raw int8 rows with LiteRT's reference kernels and writes the raw int8 outputs.

Usage: litert_invoke_int8.py MODEL.tflite INPUT.i8 OUTPUT.i8

INPUT.i8 holds the input rows back to back (one signed byte per value, the model's input width per row).
OUTPUT.i8 receives the output rows the same way. Standard output gets one JSON object describing what LiteRT
loaded: input/output shape, type and quantization, every tensor's quantization, and the row count.
The reference kernels (OpResolverType.BUILTIN_REF) share their integer arithmetic with TFLite Micro.
"""
import json
import sys

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType


def describe(detail):
    q = detail["quantization_parameters"]
    return {
        "name": detail["name"],
        "shape": [int(d) for d in detail["shape"]],
        "dtype": np.dtype(detail["dtype"]).name,
        "scales": [float(s) for s in q["scales"]],
        "zero_points": [int(z) for z in q["zero_points"]],
        "quantized_dimension": int(q["quantized_dimension"]),
    }


def main(model_path, input_path, output_path):
    interpreter = Interpreter(
        model_path=model_path,
        experimental_op_resolver_type=OpResolverType.BUILTIN_REF,
        num_threads=1,
    )
    interpreter.allocate_tensors()
    source = interpreter.get_input_details()[0]
    sink = interpreter.get_output_details()[0]
    if source["dtype"] != np.int8 or sink["dtype"] != np.int8:
        raise SystemExit(f"expected int8 input and output, got {source['dtype']} and {sink['dtype']}")
    width = int(np.prod(source["shape"]))
    rows = np.fromfile(input_path, dtype=np.int8)
    if rows.size == 0 or rows.size % width:
        raise SystemExit(f"{input_path}: {rows.size} values are not whole rows of {width}")
    rows = rows.reshape(-1, *source["shape"])
    outputs = []
    for row in rows:
        interpreter.set_tensor(source["index"], row)
        interpreter.invoke()
        outputs.append(interpreter.get_tensor(sink["index"]).copy())
    np.asarray(outputs, dtype=np.int8).tofile(output_path)
    json.dump(
        {
            "rows": len(rows),
            "input": describe(source),
            "output": describe(sink),
            "tensors": [describe(t) for t in interpreter.get_tensor_details()],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
