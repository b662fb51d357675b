import EdgeCore
import Foundation
import Testing

@testable import Learning

@Suite struct EdgeModelBuilderTests {
  static let layout = SignalLayout.lesson
  static let windows = sineWindows(count: 400, samples: 100, axes: 3, seed: 61)
  /// The edge preset on raw windows, trained briefly (quantization does not need a good model).
  static let raw = train(FrontEndSpec(kind: .raw, layout: layout))
  static let rawBuild = try! EdgeModelBuilder().build(raw, trainingWindows: windows)

  static func train(_ frontEnd: FrontEndSpec) -> Autoencoder {
    Autoencoder.train(
      features: frontEnd.features(ofWindows: windows), frontEnd: frontEnd, preset: .edge,
      config: TrainingConfig(epochs: 4, seed: 3))
  }

  @Test func thresholdsAreFittedToTheInt8ModelsOwnTrainingMSEs() throws {
    let build = Self.rawBuild
    #expect(try EdgeModelBuilder.deviceMSE(of: build.tflite, windows: Self.windows) == build.int8MSE)
    #expect(build.thresholds == (try ThresholdsDocument(fitting: build.int8MSE, rule: .lesson, version: 1)))
    #expect(build.int8MSE != build.floatMSE)
    #expect(build.thresholds != (try ThresholdsDocument(fitting: build.floatMSE, rule: .lesson, version: 1)))
    let model = try EdgeModel(bytes: build.tflite)
    #expect(model.thresholds == (try build.thresholds.zoneThresholds()))
    #expect(model.metadata == build.metadata)
    #expect(build.metadata.thresholds == (try ModelMetadata.Thresholds(build.thresholds)))
    #expect(model.modelVersion == 1 && build.thresholds.version == 1)
  }

  @Test(arguments: [FrontEndKind.raw, .spectral])
  func deviceStandardizesWindowsBitForBitAsTheFloatModel(kind: FrontEndKind) throws {
    let autoencoder = kind == .raw ? Self.raw : Self.train(FrontEndSpec(kind: .spectral, layout: Self.layout))
    let build = try EdgeModelBuilder().build(autoencoder, trainingWindows: Self.windows)
    var model = try EdgeModel(bytes: build.tflite)
    let expected = autoencoder.standardizer.apply(autoencoder.frontEnd.features(ofWindows: Self.windows))
    #expect(model.standardization == (try autoencoder.standardizer.metadataStandardization()))
    var seen = [Float](repeating: .nan, count: autoencoder.featureCount)
    for row in stride(from: 0, to: Self.windows.rows, by: 37) {
      Array(Self.windows.row(row)).withUnsafeBufferPointer { window in
        seen.withUnsafeMutableBufferPointer { model.standardize(window: window, into: $0) }
      }
      #expect(seen.map(\.bitPattern) == expected.row(row).map(\.bitPattern))
    }
  }

  @Test(arguments: [InferenceEngine.Kernel.reference, .simd])
  func deviceMSEIsTheInt8EngineOnTheFloatModelsStandardizedInput(kernel: InferenceEngine.Kernel) throws {
    let build = Self.rawBuild
    var model = try EdgeModel(bytes: build.tflite, kernel: kernel)
    var engine = try InferenceEngine(bytes: build.tflite, kernel: kernel)
    let standardized = Self.raw.standardizer.apply(Self.raw.frontEnd.features(ofWindows: Self.windows))
    for row in 0..<Self.windows.rows {
      let expected = Array(standardized.row(row)).withUnsafeBufferPointer { engine.reconstructionError($0) }
      let verdict = Array(Self.windows.row(row)).withUnsafeBufferPointer { model.evaluate(window: $0) }
      #expect(verdict.mse.bitPattern == expected.bitPattern)
      #expect(verdict.mse == build.int8MSE[row] && verdict.zone == model.thresholds.classify(expected))
    }
  }

  @Test func edgePresetFileFitsSixteenKilobytesWithPerTensorWeightsAndPerChannelIsAnOption() throws {
    let perChannel = try EdgeModelBuilder(quantization: QuantizationOptions(weights: .perChannel)).build(
      Self.raw, trainingWindows: Self.windows)
    #expect(Self.rawBuild.tflite.count <= 16 * 1024)
    let scales = { (bytes: [UInt8]) throws -> [Int] in
      let model = try TFLiteModel(bytes: bytes)
      return model.operators.map { model.tensors[$0.inputs[1]].quantization?.scales.count ?? 0 }
    }
    #expect(try scales(Self.rawBuild.tflite) == [1, 1, 1, 1])
    #expect(try scales(perChannel.tflite) == [16, 8, 16, 300])
    print(
      "edge preset .tflite: per-tensor \(Self.rawBuild.tflite.count) bytes, per-channel \(perChannel.tflite.count)"
    )
  }

  @Test func ruleVersionAndCalibrationReachTheFileAndTheDocument() throws {
    let builder = EdgeModelBuilder(
      quantization: QuantizationOptions(calibration: .percentile(99.9), weights: .perTensor),
      thresholdRule: .quantile(low: 0.9, high: 0.99), version: 5)
    let build = try builder.build(Self.raw, trainingWindows: Self.windows)
    #expect(build.thresholds.method == .quantile && build.thresholds.version == 5)
    #expect(build.thresholds.quantileLow == 0.9 && build.thresholds.quantileHigh == 0.99)
    let model = try EdgeModel(bytes: build.tflite)
    #expect(model.modelVersion == 5 && model.metadata?.thresholds.method == .quantile)
    #expect(build.quantized.input.scale < Self.rawBuild.quantized.input.scale)
    let summary =
      try JSONSerialization.jsonObject(with: Data(build.metadata.trainingSummaryUTF8)) as? [String: Any]
    #expect(summary?["preset"] as? String == "edge")
  }

  @Test func int8ScoresTrackTheFloatModelOnTheTrainingWindows() {
    let comparison = Self.rawBuild.comparison
    #expect(comparison.windows == Self.windows.rows)
    #expect(comparison.mseCorrelation > 0.95, "correlation \(comparison.mseCorrelation)")
    #expect(comparison.zoneAgreement > 0.9, "zone agreement \(comparison.zoneAgreement)")
    #expect(comparison.int8Zones.total == Self.windows.rows)
  }

  @Test func windowsOfAnotherShapeOrNoWindowsAreRefused() {
    let builder = EdgeModelBuilder()
    #expect(throws: EdgeModelBuildError.windowWidth(expected: 300, actual: 48)) {
      try builder.build(Self.raw, trainingWindows: sineWindows(count: 4, samples: 16, axes: 3, seed: 1))
    }
    #expect(throws: EdgeModelBuildError.noWindows) {
      try builder.build(Self.raw, trainingWindows: Matrix(rows: 0, cols: 300))
    }
    #expect(EdgeModelBuildError.windowWidth(expected: 300, actual: 48).description.contains("300"))
  }

  @Test func deviceRefusesMetadataThatDoesNotFitTheModel() throws {
    let bytes = Self.rawBuild.tflite
    let magic = try #require(
      (0..<(bytes.count - 4)).first { Array(bytes[$0..<$0 + 4]) == Array("EHMD".utf8) })
    // Header (10 bytes), the version record (6 + 4), the front-end record's header (6) and kind (1).
    let samples = magic + 10 + 10 + 6 + 1
    #expect(bytes[samples] == 100)
    var shorter = bytes
    shorter[samples] = 50
    #expect(throws: EdgeModelError.featureCountMismatch(features: 150, modelInput: 300)) {
      _ = try EdgeModel(bytes: shorter)
    }
    var foreign = bytes
    foreign[magic] = UInt8(ascii: "X")
    #expect(throws: EdgeModelError.metadata(.badMagic)) { _ = try EdgeModel(bytes: foreign) }
    #expect(EdgeModelError.missingMetadata.description.contains("edgehybrid quantize"))
  }

  @Test(.enabled(if: LiteRTInt8Runner.enabled))
  func liteRTReferenceKernelsGiveEdgeCoresInt8OutputsOnAThousandWindows() throws {
    let build = Self.rawBuild
    let windows = sineWindows(count: 1_200, samples: 100, axes: 3, seed: 62)
    var model = try EdgeModel(bytes: build.tflite)
    let quantization = build.quantized.input
    var codes: [Int8] = []
    var features = [Float](repeating: 0, count: 300)
    for row in 0..<windows.rows {
      Array(windows.row(row)).withUnsafeBufferPointer { window in
        features.withUnsafeMutableBufferPointer { model.standardize(window: window, into: $0) }
      }
      // Every third window is scaled up so that the input and the layers saturate too.
      codes += features.map { quantization.quantize(row % 3 == 0 ? 4 * $0 : $0) }
    }
    let liteRT = try LiteRTInt8Runner.run(model: build.tflite, inputs: codes)
    #expect(liteRT.outputs.count == codes.count)
    for kernel in [InferenceEngine.Kernel.reference, .simd] {
      var engine = try InferenceEngine(bytes: build.tflite, kernel: kernel)
      var output = [Int8](repeating: 0, count: 300)
      var differing = 0
      for row in 0..<windows.rows {
        codes[row * 300..<(row + 1) * 300].withUnsafeBufferPointer { input in
          output.withUnsafeMutableBufferPointer { engine.invoke(input, into: $0) }
        }
        differing += zip(output, liteRT.outputs[row * 300..<(row + 1) * 300]).count { $0 != $1 }
      }
      #expect(differing == 0, "\(kernel) differs from LiteRT in \(differing) of \(codes.count) codes")
    }
  }
}
