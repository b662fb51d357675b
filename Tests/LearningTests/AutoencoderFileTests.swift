import EdgeCore
import Foundation
import Testing

@testable import Learning

/// Models survive a save/load bit for bit, and damaged files fail with an error naming the problem.
@Suite struct AutoencoderFileTests {
  static let frontEnd = FrontEndSpec(
    kind: .raw, layout: SignalLayout(samplesPerWindow: 10, axes: 3, sampleRateHz: 50))
  static let model = Autoencoder.train(
    features: sineWindows(count: 64, samples: 10, axes: 3, seed: 41),
    validation: sineWindows(count: 16, samples: 10, axes: 3, seed: 42), frontEnd: frontEnd,
    preset: ModelPreset(name: "tiny", hiddenSizes: [8, 4, 8]),
    config: TrainingConfig(epochs: 3, batchSize: 16))
  static let probe = sineWindows(count: 9, samples: 10, axes: 3, seed: 43)

  /// The error decoding `data` throws, or nil if it loads.
  static func decode(_ data: Data) -> ModelFileError? {
    do {
      _ = try Autoencoder(decoding: data, source: "model.safetensors")
      return nil
    } catch {
      return error
    }
  }

  /// Bytes 8..<8+n of a safetensors file: its JSON header.
  static func headerRange(of data: Data) -> Range<Int> {
    8..<8 + Int(data.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
  }

  /// Decodes the model's file after a same-length text edit of its header.
  static func decodeEditedHeader(_ edit: (String) -> String) -> ModelFileError? {
    var data = model.encoded()
    let range = headerRange(of: data)
    let edited = Data(edit(String(decoding: data.subdata(in: range), as: UTF8.self)).utf8)
    #expect(edited.count == range.count)
    data.replaceSubrange(range, with: edited)
    return decode(data)
  }

  /// Decodes the model's file after changing its container.
  static func damaged(_ change: (inout SafeTensorsFile) -> Void) -> ModelFileError? {
    var file = model.safeTensors()
    change(&file)
    return decode(file.encoded())
  }

  @Test func savedModelReloadsWithIdenticalOutputs() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "edgehybrid-\(UUID()).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try Self.model.save(to: url)
    let loaded = try Autoencoder(contentsOf: url)
    #expect(loaded.network == Self.model.network)
    #expect(loaded.standardizer == Self.model.standardizer)
    #expect(loaded.frontEnd == Self.model.frontEnd)
    #expect(loaded.metadata.preset == "tiny")
    #expect(loaded.metadata.training == Self.model.metadata.training)
    #expect(abs(loaded.metadata.created.timeIntervalSince(Self.model.metadata.created)) < 1)
    #expect(
      loaded.reconstructionErrors(features: Self.probe)
        == Self.model.reconstructionErrors(features: Self.probe))
    #expect(loaded.reconstruct(features: Self.probe) == Self.model.reconstruct(features: Self.probe))
  }

  @Test func spectralModelWithPerFeatureScalingRoundTrips() throws {
    let spec = FrontEndSpec(
      kind: .spectral, layout: SignalLayout(samplesPerWindow: 10, axes: 3, sampleRateHz: 50))
    let windows = sineWindows(count: 40, samples: 10, axes: 3, seed: 44)
    let model = Autoencoder.train(
      features: spec.features(ofWindows: windows), frontEnd: spec,
      preset: ModelPreset(name: "s", hiddenSizes: [6]),
      config: TrainingConfig(epochs: 2, batchSize: 8))
    #expect(model.standardizer.mode == .perFeature && model.standardizer.mean.count == 18)
    let loaded = try Autoencoder(decoding: model.encoded(), source: "spectral.safetensors")
    #expect(
      loaded.frontEnd == spec && loaded.standardizer == model.standardizer && loaded.network == model.network)
    #expect(loaded.reconstructionErrors(windows: windows) == model.reconstructionErrors(windows: windows))
  }

  @Test func fileFollowsTheSafetensorsLayout() throws {
    let data = Self.model.encoded()
    let range = Self.headerRange(of: data)
    #expect(range.count % 8 == 0)
    let header = try #require(
      try JSONSerialization.jsonObject(with: data.subdata(in: range)) as? [String: Any])
    let weight = try #require(header["layers.0.weight"] as? [String: Any])
    #expect(weight["dtype"] as? String == "F32")
    #expect(weight["shape"] as? [Int] == [8, 30])
    let metadata = try #require(header["__metadata__"] as? [String: String])
    #expect(metadata["layer_sizes"] == "30,8,4,8,30")
    #expect(metadata["front_end"] == "raw" && metadata["standardizer"] == "per-axis")
    #expect(header["standardizer.mean"] != nil && header["standardizer.std"] != nil)
  }

  @Test func truncatedFilesFail() {
    let data = Self.model.encoded()
    #expect(Self.decode(data.prefix(5)) == .truncated(source: "model.safetensors", needed: 8, available: 5))
    let short = Self.decode(data.prefix(data.count - 3))
    guard case .truncated(_, let needed, let available) = short else {
      Issue.record("expected a truncation error, got \(String(describing: short))")
      return
    }
    #expect(needed == data.count && available == data.count - 3)
    guard case .truncated = Self.decode(data.prefix(40)) else {
      Issue.record("a file cut inside its header must report truncation")
      return
    }
  }

  @Test func badHeaderJSONFails() {
    var data = Self.model.encoded()
    data[8] = UInt8(ascii: "#")
    guard case .badHeader(_, let reason) = Self.decode(data) else {
      Issue.record("expected a bad-header error")
      return
    }
    #expect(reason.contains("not valid JSON"))
  }

  @Test func missingTensorFails() {
    #expect(
      Self.damaged { $0.tensors["layers.2.bias"] = nil }
        == .missingTensor(source: "model.safetensors", tensor: "layers.2.bias"))
    #expect(
      Self.damaged { $0.tensors["standardizer.std"] = nil }
        == .missingTensor(source: "model.safetensors", tensor: "standardizer.std"))
  }

  @Test func wrongShapeFails() {
    let error = Self.damaged { file in
      file.tensors["layers.1.weight"] = SafeTensor(shape: [8, 4], values: [Float](repeating: 0, count: 32))
    }
    #expect(
      error
        == .wrongShape(
          source: "model.safetensors", tensor: "layers.1.weight", expected: [4, 8], found: [8, 4]))
    #expect(error?.description.contains("layers.1.weight") == true)
  }

  @Test func missingOrInvalidMetadataFails() {
    #expect(
      Self.damaged { $0.metadata["layer_sizes"] = nil }
        == .missingMetadata(source: "model.safetensors", key: "layer_sizes"))
    guard
      case .invalidMetadata(_, "front_end", "mfcc", _) = Self.damaged({ $0.metadata["front_end"] = "mfcc" })
    else {
      Issue.record("an unknown front-end must be rejected")
      return
    }
    guard
      case .invalidMetadata(_, "layer_sizes", _, _) = Self.damaged({
        $0.metadata["layer_sizes"] = "30,8,4,8,31"
      })
    else {
      Issue.record("layer sizes that do not match the front-end must be rejected")
      return
    }
    guard case .invalidMetadata(_, "format", _, _) = Self.damaged({ $0.metadata["format"] = "other" }) else {
      Issue.record("a foreign file must be rejected")
      return
    }
  }

  @Test func overlappingTensorRangesFail() {
    // Point the first tensor at bytes 4..<36: right length, but overlapping the next tensor.
    let error = Self.decodeEditedHeader {
      $0.replacingOccurrences(of: "\"data_offsets\":[0,32]", with: "\"data_offsets\":[4,36]")
    }
    guard case .badHeader(_, let reason) = error else {
      Issue.record("overlapping tensor ranges must be rejected, got \(String(describing: error))")
      return
    }
    #expect(reason.contains("overlap"))
  }

  @Test func otherDTypesFailWithTheirName() {
    let error = Self.decodeEditedHeader { $0.replacingOccurrences(of: "\"F32\"", with: "\"F16\"") }
    guard case .unsupportedDType(_, _, "F16") = error else {
      Issue.record("an F16 tensor must be reported as unsupported, got \(String(describing: error))")
      return
    }
  }

  @Test func unreadablePathNamesTheFile() {
    let url = URL(fileURLWithPath: "/nonexistent/dir/model.safetensors")
    #expect(throws: ModelFileError.self) { try Autoencoder(contentsOf: url) }
    do {
      _ = try Autoencoder(contentsOf: url)
    } catch {
      #expect(error.description.contains("/nonexistent/dir/model.safetensors"))
    }
  }
}
