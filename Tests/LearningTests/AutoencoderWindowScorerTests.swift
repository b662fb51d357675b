import EdgeCore
import Learning
import Testing

@Suite struct AutoencoderWindowScorerTests {
  /// An untrained model with random weights and biases and a standardizer fitted on `windows`.
  static func randomModel(frontEnd: FrontEndSpec, hiddenSizes: [Int], windows: Matrix, seed: UInt64)
    -> Autoencoder
  {
    let features = frontEnd.features(ofWindows: windows)
    let mode: Standardizer.Mode = frontEnd.kind == .raw ? .perAxis(axes: frontEnd.layout.axes) : .perFeature
    var network = DenseNetwork(
      layerSizes: [frontEnd.featureCount] + hiddenSizes + [frontEnd.featureCount], seed: seed)
    var generator = SplitMix64(seed: seed + 1)
    network.layers = network.layers.map { layer in
      DenseLayer(
        weights: layer.weights,
        bias: layer.bias.map { _ in Float.random(in: -0.5...0.5, using: &generator) },
        activation: layer.activation)
    }
    return Autoencoder(
      frontEnd: frontEnd, standardizer: Standardizer(fitting: features, mode: mode), network: network,
      metadata: AutoencoderInfo(preset: "test"))
  }

  /// Scores every row alone with one reused scorer, one row per batch call, and all rows in one batch.
  static func expectSameBits(model: Autoencoder, windows: Matrix) {
    let scorer = AutoencoderWindowScorer(model: model)
    let batch = model.reconstructionErrors(windows: windows)
    for r in 0..<windows.rows {
      let row = Array(windows.values[r * windows.cols..<(r + 1) * windows.cols])
      let single = row.withUnsafeBufferPointer { scorer.reconstructionError(window: $0) }
      let oneRowBatch = model.reconstructionErrors(windows: Matrix(rows: 1, cols: windows.cols, values: row))[
        0]
      #expect(single.bitPattern == oneRowBatch.bitPattern, "window \(r)")
      #expect(single.bitPattern == batch[r].bitPattern, "window \(r)")
    }
  }

  @Test func rawWindowScoresEqualTheBatchPathBitForBit() {
    let frontEnd = FrontEndSpec(kind: .raw)
    let windows = sineWindows(count: 300, samples: 100, axes: 3, seed: 7)
    let model = Self.randomModel(frontEnd: frontEnd, hiddenSizes: [16, 8, 16], windows: windows, seed: 11)
    Self.expectSameBits(model: model, windows: randomMatrix(rows: 200, cols: 300, seed: 12, scale: 3))
    Self.expectSameBits(model: model, windows: windows)
  }

  @Test(arguments: [
    (FrontEndKind.raw, 7, [5, 3, 5]),
    (FrontEndKind.spectral, 16, [9, 4, 9]),
  ])
  func smallAndOddSizedModelsScoreEqualTheBatchPathBitForBit(
    kind: FrontEndKind, samples: Int, hiddenSizes: [Int]
  ) {
    let frontEnd = FrontEndSpec(
      kind: kind, layout: SignalLayout(samplesPerWindow: samples, axes: 3, sampleRateHz: 50))
    let windows = sineWindows(count: 150, samples: samples, axes: 3, seed: UInt64(samples))
    let model = Self.randomModel(frontEnd: frontEnd, hiddenSizes: hiddenSizes, windows: windows, seed: 22)
    Self.expectSameBits(model: model, windows: windows)
    Self.expectSameBits(model: model, windows: randomMatrix(rows: 100, cols: samples * 3, seed: 23, scale: 2))
  }
}
