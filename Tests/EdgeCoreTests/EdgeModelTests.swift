import EdgeCore
import Foundation
import Testing

@Suite struct EdgeModelTests {
  static let kernels: [InferenceEngine.Kernel] = [.reference, .simd]
  /// The lesson's statistics shape: one mean and deviation per axis.
  static let perAxis = try! ModelMetadata.Standardization(
    mode: .perAxis, means: [0.02, -0.01, 0.98], stds: [0.3, 0.25, 0.4])
  static let thresholds = try! ZoneThresholds(low: 0.5, high: 1.5)
  /// A spectral front-end whose feature count (100 bins × 3 axes) fits the fixtures' 300 inputs.
  static let spectral = FrontEndSpec(kind: .spectral, layout: SignalLayout(samplesPerWindow: 198, axes: 3))

  @Test(arguments: ConverterFixture.all, kernels)
  func convertedModelsRunWithTheCallersConfiguration(
    _ fixture: ConverterFixture, _ kernel: InferenceEngine.Kernel
  )
    throws
  {
    var model = try EdgeModel(
      bytes: fixture.model, frontEnd: FrontEndSpec(kind: .raw), standardization: Self.perAxis,
      thresholds: Self.thresholds, modelVersion: 7, kernel: kernel)
    var engine = try InferenceEngine(bytes: fixture.model, kernel: kernel)
    #expect(model.modelVersion == 7 && model.metadata == nil && model.featureCount == 300)
    for window in Self.windows(count: 8, width: 300, seed: 1) {
      let standardized = window.indices.map { ($0, window[$0]) }.map { index, value in
        (value - Self.perAxis.means[index % 3]) / Self.perAxis.stds[index % 3]
      }
      let expected = standardized.withUnsafeBufferPointer { engine.reconstructionError($0) }
      let verdict = window.withUnsafeBufferPointer { model.evaluate(window: $0) }
      #expect(verdict.mse.bitPattern == expected.bitPattern)
      #expect(verdict.zone == Self.thresholds.classify(expected))
    }
  }

  @Test(arguments: kernels)
  func spectralFeaturesAreStandardizedPerFeatureBeforeTheModel(_ kernel: InferenceEngine.Kernel) throws {
    let fixture = ConverterFixture.int8[0]
    let means = (0..<300).map { Float($0 % 7) * -0.5 - 3 }
    let stds = (0..<300).map { 0.5 + Float($0 % 5) * 0.25 }
    let statistics = try ModelMetadata.Standardization(mode: .perFeature, means: means, stds: stds)
    var model = try EdgeModel(
      bytes: fixture.model, frontEnd: Self.spectral, standardization: statistics, thresholds: Self.thresholds,
      modelVersion: 1, kernel: kernel)
    var frontEnd = FrontEnd(spec: Self.spectral)
    var engine = try InferenceEngine(bytes: fixture.model, kernel: kernel)
    for window in Self.windows(count: 4, width: Self.spectral.layout.valuesPerWindow, seed: 2) {
      let features = extractFeatures(&frontEnd, window)
      let standardized = (0..<300).map { (features[$0] - means[$0]) / stds[$0] }
      var seen = [Float](repeating: .nan, count: 300)
      window.withUnsafeBufferPointer { input in
        seen.withUnsafeMutableBufferPointer { model.standardize(window: input, into: $0) }
      }
      #expect(seen.map(\.bitPattern) == standardized.map(\.bitPattern))
      let expected = standardized.withUnsafeBufferPointer { engine.reconstructionError($0) }
      #expect(
        window.withUnsafeBufferPointer { model.evaluate(window: $0) }.mse.bitPattern == expected.bitPattern)
    }
  }

  @Test func perAxisStatisticsApplyToEveryInterleavedSampleOfTheirAxis() throws {
    var model = try EdgeModel(
      bytes: ConverterFixture.int8[0].model, frontEnd: FrontEndSpec(kind: .raw),
      standardization: Self.perAxis,
      thresholds: Self.thresholds, modelVersion: 1)
    let window = (0..<300).map { Float($0) / 100 }
    var output = [Float](repeating: .nan, count: 300)
    window.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { model.standardize(window: input, into: $0) }
    }
    for index in [0, 1, 2, 3, 7, 298, 299] {
      let axis = index % 3
      #expect(output[index] == (window[index] - Self.perAxis.means[axis]) / Self.perAxis.stds[axis])
    }
  }

  @Test func evaluatingAWindowAgainGivesTheSameVerdictWhateverCameBetween() throws {
    for frontEnd in [FrontEndSpec(kind: .raw), Self.spectral] {
      let statistics =
        frontEnd.kind == .raw
        ? Self.perAxis
        : try ModelMetadata.Standardization(
          mode: .perFeature, means: [Float](repeating: -4, count: 300),
          stds: [Float](repeating: 2, count: 300))
      var model = try EdgeModel(
        bytes: ConverterFixture.int8[1].model, frontEnd: frontEnd, standardization: statistics,
        thresholds: Self.thresholds, modelVersion: 1)
      let windows = Self.windows(count: 3, width: frontEnd.layout.valuesPerWindow, seed: 3)
      let verdicts = (windows + windows).map { window in
        window.withUnsafeBufferPointer { model.evaluate(window: $0) }
      }
      #expect(verdicts[0..<3] == verdicts[3..<6])
      #expect(verdicts[0].mse != verdicts[1].mse)
    }
  }

  @Test func thresholdsCanBeReplacedWhileTheModelRuns() throws {
    var model = try EdgeModel(
      bytes: ConverterFixture.int8[0].model, frontEnd: FrontEndSpec(kind: .raw),
      standardization: Self.perAxis,
      thresholds: Self.thresholds, modelVersion: 1)
    let window = Self.windows(count: 1, width: 300, seed: 4)[0]
    let mse = window.withUnsafeBufferPointer { model.evaluate(window: $0) }.mse
    model.thresholds = try ZoneThresholds(low: mse / 4, high: mse / 2)
    #expect(
      window.withUnsafeBufferPointer { model.evaluate(window: $0) } == EdgeVerdict(mse: mse, zone: .anomaly))
    model.thresholds = try ZoneThresholds(low: mse * 2, high: mse * 4)
    #expect(window.withUnsafeBufferPointer { model.evaluate(window: $0) }.zone == .normal)
  }

  @Test func workingMemoryIsTheEngineArenaAndTheFeatureBuffers() throws {
    let bytes = ConverterFixture.int8[0].model
    let engine = try InferenceEngine(bytes: bytes)
    let raw = try EdgeModel(
      bytes: bytes, frontEnd: FrontEndSpec(kind: .raw), standardization: Self.perAxis,
      thresholds: Self.thresholds,
      modelVersion: 1)
    #expect(raw.arenaBytes == engine.arenaBytes + 4 * 300)
    #expect(raw.parameterBytes == engine.parameterBytes + 8 * 300)
    let spectral = try EdgeModel(
      bytes: bytes, frontEnd: Self.spectral,
      standardization: try .init(
        mode: .perFeature, means: [Float](repeating: 0, count: 300), stds: [Float](repeating: 1, count: 300)),
      thresholds: Self.thresholds, modelVersion: 1)
    #expect(spectral.arenaBytes == engine.arenaBytes + 2 * 4 * 300)
  }

  @Test func filesWithoutEdgeHybridMetadataAskForAnExplicitConfiguration() {
    #expect(throws: EdgeModelError.missingMetadata) { try EdgeModel(bytes: ConverterFixture.int8[0].model) }
  }

  @Test func configurationsThatDoNotFitTheModelAreRefused() throws {
    let bytes = ConverterFixture.int8[0].model
    let short = FrontEndSpec(kind: .raw, layout: SignalLayout(samplesPerWindow: 50))
    #expect(throws: EdgeModelError.featureCountMismatch(features: 150, modelInput: 300)) {
      try EdgeModel(
        bytes: bytes, frontEnd: short, standardization: Self.perAxis, thresholds: Self.thresholds,
        modelVersion: 1)
    }
    let twoAxes = try ModelMetadata.Standardization(mode: .perAxis, means: [0, 0], stds: [1, 1])
    #expect(throws: EdgeModelError.standardizationCountMismatch(expected: 3, actual: 2)) {
      try EdgeModel(
        bytes: bytes, frontEnd: FrontEndSpec(kind: .raw), standardization: twoAxes,
        thresholds: Self.thresholds, modelVersion: 1)
    }
    let perFeature = try ModelMetadata.Standardization(mode: .perFeature, means: [0, 0, 0], stds: [1, 1, 1])
    #expect(throws: EdgeModelError.standardizationCountMismatch(expected: 300, actual: 3)) {
      try EdgeModel(
        bytes: bytes, frontEnd: FrontEndSpec(kind: .raw), standardization: perFeature,
        thresholds: Self.thresholds, modelVersion: 1)
    }
    let noAxes = FrontEndSpec(kind: .raw, layout: SignalLayout(samplesPerWindow: 100, axes: 0))
    #expect(throws: EdgeModelError.invalidLayout) {
      try EdgeModel(
        bytes: bytes, frontEnd: noAxes, standardization: Self.perAxis, thresholds: Self.thresholds,
        modelVersion: 1)
    }
    #expect(throws: EdgeModelError.model(.notTFLite)) {
      try EdgeModel(
        bytes: [UInt8](repeating: 0, count: 64), frontEnd: FrontEndSpec(kind: .raw),
        standardization: Self.perAxis, thresholds: Self.thresholds, modelVersion: 1)
    }
    #expect(throws: EdgeModelError.model(.truncated(byteCount: 3))) { try EdgeModel(bytes: [1, 2, 3]) }
  }

  /// Seeded vibration-like windows: a sine per axis with noise and a gravity offset on the last axis.
  static func windows(count: Int, width: Int, seed: UInt64) -> [[Float]] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      let frequency = Float.random(in: 0.05...0.6, using: &random)
      let amplitude = Float.random(in: 0.1...1, using: &random)
      return (0..<width).map { index in
        amplitude * sin(frequency * Float(index / 3)) + Float.random(in: -0.05...0.05, using: &random)
          + (index % 3 == 2 ? 1 : 0)
      }
    }
  }
}
