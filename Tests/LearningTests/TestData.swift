import EdgeCore
import Foundation
import Learning

/// Seeded random matrices for tests.
func randomMatrix(rows: Int, cols: Int, seed: UInt64, scale: Float = 1) -> Matrix {
  var generator = SplitMix64(seed: seed)
  return Matrix(
    rows: rows, cols: cols,
    values: (0..<rows * cols).map { _ in Float.random(in: -scale...scale, using: &generator) })
}

/// Vibration-like windows (interleaved axes): per-window sinusoids with random phase and amplitude plus
/// noise and a per-axis offset, so an autoencoder has structure to learn.
func sineWindows(count: Int, samples: Int, axes: Int, seed: UInt64) -> Matrix {
  var generator = SplitMix64(seed: seed)
  var values: [Float] = []
  for _ in 0..<count {
    let phase = Float.random(in: 0..<(2 * .pi), using: &generator)
    let amplitude = Float.random(in: 0.8...1.2, using: &generator)
    for s in 0..<samples {
      for a in 0..<axes {
        let angle = 2 * Float.pi * 3 * Float(s) / Float(samples) + phase + Float(a)
        values.append(amplitude * sin(angle) + Float(a) + Float.random(in: -0.05...0.05, using: &generator))
      }
    }
  }
  return Matrix(rows: count, cols: samples * axes, values: values)
}
