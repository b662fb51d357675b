#!/usr/bin/env python3
"""Keras baseline for `edgehybrid bench train`: the lesson's training, on the same NPY files.

Mirrors ../shared/peers/seed_ref/train.py (per-axis z-score, Dense autoencoder with ReLU hidden
layers and a linear output, Adam 1e-3, MSE, batch 32, shuffle, validation every epoch) but reads
the data set that `edgehybrid bench train` just wrote, so both trainers see identical windows.

  python3 keras_train_baseline.py --data DIR --hidden 16,8,16 --epochs 100 --seed 7

Prints one JSON object: fit seconds, seconds per epoch, peak RSS, final losses, test ROC AUC.
"""
import argparse
import json
import os
import resource
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402


def per_axis_norm(train, axes):
    flat = train.reshape(-1, axes)
    return flat.mean(0), flat.std(0)


def standardize(x, mean, std, axes):
    reps = x.shape[1] // axes
    return ((x - np.tile(mean, reps)) / np.tile(std, reps)).astype(np.float32)


def roc_auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = labels == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="directory with train_X.npy, val_X.npy, test_X.npy, test_y.npy")
    ap.add_argument("--hidden", default="16,8,16")
    ap.add_argument("--axes", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    import keras

    keras.utils.set_random_seed(a.seed)
    load = lambda name: np.load(os.path.join(a.data, name))
    train, val = load("train_X.npy"), load("val_X.npy")
    test, labels = load("test_X.npy"), load("test_y.npy").astype(np.int64)
    mean, std = per_axis_norm(train, a.axes)
    ntr, nva, nte = (standardize(x, mean, std, a.axes) for x in (train, val, test))

    hidden = [int(h) for h in a.hidden.split(",")]
    inp = keras.Input((ntr.shape[1],))
    h = inp
    for units in hidden:
        h = keras.layers.Dense(units, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(ntr.shape[1])(h))
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")

    start = time.perf_counter()
    hist = model.fit(ntr, ntr, epochs=a.epochs, batch_size=a.batch, validation_data=(nva, nva),
                     shuffle=True, verbose=0)
    fit_s = time.perf_counter() - start
    recon = model.predict(nte, batch_size=1024, verbose=0)
    mse = np.mean((nte - recon) ** 2, axis=1)
    print(json.dumps({
        "trainer": f"keras {keras.__version__}",
        "layers": [ntr.shape[1]] + hidden + [ntr.shape[1]],
        "parameters": int(model.count_params()),
        "epochs": a.epochs, "batch_size": a.batch,
        "fit_seconds": fit_s, "seconds_per_epoch": fit_s / a.epochs,
        "final_train_loss": float(hist.history["loss"][-1]),
        "final_val_loss": float(hist.history["val_loss"][-1]),
        "test_roc_auc": roc_auc(mse, labels),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
