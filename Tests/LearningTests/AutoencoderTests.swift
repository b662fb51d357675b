import EdgeCore
import Testing

@testable import Learning

@Suite struct AutoencoderTests {
  static let frontEnd = FrontEndSpec(
    kind: .raw, layout: SignalLayout(samplesPerWindow: 16, axes: 3, sampleRateHz: 100))

  @Test func trainedModelScoresUnfamiliarWindowsHigher() {
    let model = Autoencoder.train(
      features: sineWindows(count: 200, samples: 16, axes: 3, seed: 51), frontEnd: Self.frontEnd,
      preset: ModelPreset(name: "small", hiddenSizes: [16, 8, 16]),
      config: TrainingConfig(epochs: 40, batchSize: 16))
    let normal = model.reconstructionErrors(features: sineWindows(count: 50, samples: 16, axes: 3, seed: 52))
    let noise = model.reconstructionErrors(features: randomMatrix(rows: 50, cols: 48, seed: 53, scale: 2))
    #expect(normal.count == 50)
    #expect(normal.max()! < noise.min()!)
    #expect(model.metadata.training?.epochs == 40)
    #expect(model.standardizer.mode == .perAxis(axes: 3))
  }

  @Test func reconstructionErrorIsEdgeCoresMeanSquaredErrorInStandardizedUnits() {
    let model = Autoencoder.train(
      features: sineWindows(count: 32, samples: 16, axes: 3, seed: 54), frontEnd: Self.frontEnd,
      config: TrainingConfig(epochs: 1))
    let windows = sineWindows(count: 3, samples: 16, axes: 3, seed: 55)
    let z = model.standardizer.apply(windows)
    let out = model.network.forward(z)
    let errors = model.reconstructionErrors(features: windows)
    for r in 0..<3 {
      #expect(errors[r] == meanSquaredError(Array(z.row(r)), Array(out.row(r))))
      let double = zip(z.row(r), out.row(r)).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +) / 48
      #expect(abs(Double(errors[r]) - double) < 1e-5)
    }
    #expect(model.reconstructionErrors(windows: windows) == errors)
  }

  @Test func spectralFeaturesComeFromEdgeCoresFrontEnd() {
    let spec = FrontEndSpec(
      kind: .spectral, layout: SignalLayout(samplesPerWindow: 16, axes: 3, sampleRateHz: 100))
    let windows = sineWindows(count: 4, samples: 16, axes: 3, seed: 56)
    let features = spec.features(ofWindows: windows)
    #expect(features.rows == 4 && features.cols == 27)
    var frontEnd = FrontEnd(spec: spec)
    var expected = [Float](repeating: 0, count: 27)
    Array(windows.row(2)).withUnsafeBufferPointer { window in
      expected.withUnsafeMutableBufferPointer { frontEnd.extract(window: window, into: $0) }
    }
    #expect(Array(features.row(2)) == expected)
    #expect(FrontEndSpec(kind: .raw, layout: spec.layout).features(ofWindows: windows) == windows)
  }
}
