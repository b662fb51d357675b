#!/usr/bin/env python3
"""Make the converter-made .tflite fixtures that EdgeCore's tests load (no Python at test time).

    pip install tensorflow-cpu ai-edge-litert
    python3 scripts/make_converter_fixture.py [--out Tests/Fixtures/converter]

Trains a small Keras dense autoencoder (300-16-8-16-300, ReLU hidden layers, the lesson's
edge model) on seeded synthetic vibration windows, converts it with TFLiteConverter to
full-integer int8 (representative dataset) three ways, and writes next to each model the
inputs and the outputs of LiteRT's reference kernels (BUILTIN_REF) on them:

  int8_per_channel  int8 input/output, per-channel weights (TensorFlow's default)
  int8_per_tensor   int8 input/output, per-tensor weights (older TFLite Micro builds)
  float_io          float32 input/output: QUANTIZE / DEQUANTIZE at the graph's edges
  int8_reshape      int8 input/output of shape [1, 100, 3]: Flatten and Reshape become RESHAPE

Files: <name>.tflite, <name>.input.bin (N rows, int8 or little-endian float32),
<name>.expected.bin (N rows of LiteRT BUILTIN_REF output, same encoding), and
<name>.json: what the converter wrote (tensors, quantization, operators, metadata names),
decoded with the flatbuffers schema that ships with ai-edge-litert, for the reader's tests.
The test rows are standardized normal and faulty windows plus random int8 rows that
push every layer into saturation.
"""
import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from litert_reference import reference_interpreter, run_reference  # noqa: E402

SEED = 20240607
SAMPLES, AXES, RATE_HZ = 100, 3, 200.0
HIDDEN = (16, 8, 16)
TEST_WINDOWS = 48
RANDOM_ROWS = 16


def windows(rng, count, fault_gain=0.0):
    """`count` flattened x,y,z windows: shaft harmonics, gravity on z, noise; faults add 2x."""
    t = np.arange(SAMPLES) / RATE_HZ
    out = np.empty((count, SAMPLES * AXES), dtype=np.float32)
    for i in range(count):
        w = 2 * np.pi * 25.0 * rng.uniform(0.96, 1.04)
        phase = rng.uniform(0, 2 * np.pi)
        load = rng.uniform(0.9, 1.1)
        axes = []
        for k, (a1, a2, g) in enumerate(((0.08, 0.015, 0.0), (0.06, 0.012, 0.0), (0.015, 0.008, 1.0))):
            a2 = a2 + fault_gain * 0.06 * rng.uniform(0.5, 1.0)
            signal = g + load * (a1 * np.sin(w * t + phase + k * np.pi / 2) + a2 * np.sin(2 * w * t + 2 * phase + k))
            axes.append(signal + rng.normal(0, 0.006, SAMPLES))
        out[i] = np.stack(axes, axis=1).reshape(-1)
    return out


def train(train_x, windowed=False):
    """The dense autoencoder; `windowed` takes [100, 3] windows (batch 1) through Flatten/Reshape."""
    import keras

    keras.utils.set_random_seed(SEED)
    width = train_x.shape[1]
    if windowed:
        inputs = keras.Input((SAMPLES, AXES), batch_size=1, name="window")
        h = keras.layers.Flatten()(inputs)
    else:
        inputs = h = keras.Input((width,), name="features")
    for units in HIDDEN:
        h = keras.layers.Dense(units, activation="relu")(h)
    out = keras.layers.Dense(width, name="reconstruction")(h)
    if windowed:
        out = keras.layers.Reshape((SAMPLES, AXES))(out)
    model = keras.Model(inputs, out)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    x = train_x.reshape(-1, SAMPLES, AXES) if windowed else train_x
    model.fit(x, x, epochs=8, batch_size=1 if windowed else 32, shuffle=True, verbose=0)
    return model


def convert(model, representative, int8_io, per_channel):
    import tensorflow as tf

    shape = [1] + list(model.inputs[0].shape[1:])

    def rep():
        for x in representative:
            yield [x.reshape(shape)]

    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.representative_dataset = rep
    conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    if int8_io:
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    conv._experimental_disable_per_channel_quantization_for_dense_layers = not per_channel
    return conv.convert()


def quantize_rows(x, scale, zero_point):
    """LiteRT's QUANTIZE: round half away from zero of x / scale (float32), plus zero point."""
    q = np.trunc(x / np.float32(scale) + np.copysign(np.float32(0.5), x)) + zero_point
    return np.clip(q, -128, 127).astype(np.int8)


def manifest(path):
    """What the converter wrote into `path`, decoded independently of EdgeCore."""
    from ai_edge_litert import schema_py_generated as schema

    model = schema.Model.GetRootAsModel(path.read_bytes(), 0)
    graph = model.Subgraphs(0)
    tensors = []
    for i in range(graph.TensorsLength()):
        t = graph.Tensors(i)
        q = t.Quantization()
        has_scale = q is not None and q.ScaleLength() > 0
        tensors.append({
            "name": t.Name().decode(),
            "type": t.Type(),
            "shape": [int(d) for d in t.ShapeAsNumpy()] if t.ShapeLength() else [],
            "data_bytes": model.Buffers(t.Buffer()).DataLength(),
            "scales": [float(v) for v in q.ScaleAsNumpy()] if has_scale else [],
            "zero_points": [int(v) for v in q.ZeroPointAsNumpy()] if has_scale else [],
            "quantized_dimension": q.QuantizedDimension() if has_scale else 0,
        })
    operators = []
    for i in range(graph.OperatorsLength()):
        op = graph.Operators(i)
        code = model.OperatorCodes(op.OpcodeIndex())
        activation = 0
        if op.BuiltinOptionsType() == schema.BuiltinOptions.FullyConnectedOptions:
            options = schema.FullyConnectedOptions()
            table = op.BuiltinOptions()
            options.Init(table.Bytes, table.Pos)
            activation = options.FusedActivationFunction()
        operators.append({
            "builtin": max(code.BuiltinCode(), code.DeprecatedBuiltinCode()),
            "inputs": [int(v) for v in op.InputsAsNumpy()],
            "outputs": [int(v) for v in op.OutputsAsNumpy()],
            "activation": activation,
        })
    return {
        "inputs": [int(v) for v in graph.InputsAsNumpy()],
        "outputs": [int(v) for v in graph.OutputsAsNumpy()],
        "tensors": tensors,
        "operators": operators,
        "metadata": {
            model.Metadata(i).Name().decode(): model.Buffers(model.Metadata(i).Buffer()).DataLength()
            for i in range(model.MetadataLength())
        },
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "Tests/Fixtures/converter"))
    args = ap.parse_args()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)

    rng = np.random.default_rng(SEED)
    raw_train = windows(rng, 2000)
    mean, std = raw_train.mean(axis=0), raw_train.std(axis=0) + 1e-6
    train_x = (raw_train - mean) / std
    test_x = (np.concatenate([windows(rng, TEST_WINDOWS // 2), windows(rng, TEST_WINDOWS // 2, 1.0)]) - mean) / std
    test_x = test_x.astype(np.float32)
    random_rows = rng.integers(-128, 128, size=(RANDOM_ROWS, train_x.shape[1]), dtype=np.int8)

    flat, windowed = train(train_x), train(train_x, windowed=True)
    variants = {
        "int8_per_channel": (flat, dict(int8_io=True, per_channel=True)),
        "int8_per_tensor": (flat, dict(int8_io=True, per_channel=False)),
        "float_io": (flat, dict(int8_io=False, per_channel=True)),
        "int8_reshape": (windowed, dict(int8_io=True, per_channel=True)),
    }
    for name, (model, options) in variants.items():
        path = out_dir / f"{name}.tflite"
        path.write_bytes(convert(model, train_x[:300], **options))
        (out_dir / f"{name}.json").write_text(json.dumps(manifest(path), separators=(",", ":")) + "\n")
        details = reference_interpreter(path).get_input_details()[0]
        if options["int8_io"]:
            scale, zero_point = details["quantization"]
            rows = np.concatenate([quantize_rows(test_x, scale, zero_point), random_rows])
        else:
            rows = test_x
        expected = run_reference(path, rows)
        rows.tofile(out_dir / f"{name}.input.bin")
        expected.tofile(out_dir / f"{name}.expected.bin")
        print(f"{path}: {path.stat().st_size} bytes, {rows.shape[0]} rows")


if __name__ == "__main__":
    main()
