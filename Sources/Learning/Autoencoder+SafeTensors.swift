import EdgeCore
import Foundation

/// Float models on disk as safetensors: `layers.<i>.weight` (`outputs × inputs`), `layers.<i>.bias`,
/// `standardizer.mean` and `standardizer.std` (one value per group), and `__metadata__` with the format
/// version, layer sizes and activations, front-end and window layout, standardizer mode, preset, creation
/// time and a JSON training summary.
extension Autoencoder {
  /// The `format` metadata value that marks an EdgeHybrid autoencoder.
  public static let fileFormat = "edgehybrid-autoencoder"
  /// The `format_version` this code writes and reads.
  public static let fileFormatVersion = 1

  /// The model as a safetensors container.
  public func safeTensors() -> SafeTensorsFile {
    var tensors: [String: SafeTensor] = [:]
    for (l, layer) in network.layers.enumerated() {
      tensors["layers.\(l).weight"] = SafeTensor(
        shape: [layer.outputCount, layer.inputCount], values: layer.weights.values)
      tensors["layers.\(l).bias"] = SafeTensor(shape: [layer.outputCount], values: layer.bias)
    }
    tensors["standardizer.mean"] = SafeTensor(shape: [standardizer.mean.count], values: standardizer.mean)
    tensors["standardizer.std"] = SafeTensor(shape: [standardizer.std.count], values: standardizer.std)
    var entries = [
      "format": Self.fileFormat,
      "format_version": String(Self.fileFormatVersion),
      "layer_sizes": network.layerSizes.map(String.init).joined(separator: ","),
      "activations": network.activations.map(\.rawValue).joined(separator: ","),
      "front_end": frontEnd.kind.name,
      "samples_per_window": String(frontEnd.layout.samplesPerWindow),
      "axes": String(frontEnd.layout.axes),
      "sample_rate_hz": String(frontEnd.layout.sampleRateHz),
      "standardizer": standardizer.mode.fileName,
      "preset": metadata.preset,
      "created": ISO8601DateFormatter().string(from: metadata.created),
    ]
    if let training = metadata.training {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      entries["training"] = String(decoding: try! encoder.encode(training), as: UTF8.self)
    }
    return SafeTensorsFile(tensors: tensors, metadata: entries)
  }

  /// Reads and validates a model from a container; `source` names the file in errors.
  public init(safeTensors file: SafeTensorsFile, source: String) throws(ModelFileError) {
    let reader = MetadataReader(metadata: file.metadata, source: source)
    let format = try reader.string("format")
    guard format == Self.fileFormat else {
      throw .invalidMetadata(source: source, key: "format", value: format, expected: "'\(Self.fileFormat)'")
    }
    _ = try reader.parse("format_version", expected: "\(Self.fileFormatVersion)") {
      Int($0).flatMap { $0 == Self.fileFormatVersion ? $0 : nil }
    }
    let sizes = try reader.parse("layer_sizes", expected: "at least two comma-separated positive integers") {
      let sizes = $0.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
      return sizes.count >= 2 && sizes.count == $0.split(separator: ",").count ? sizes : nil
    }
    let activations = try reader.parse(
      "activations", expected: "\(sizes.count - 1) of relu/linear, comma-separated"
    ) {
      let names = $0.split(separator: ",").map(String.init)
      let activations = names.compactMap(Activation.init(rawValue:))
      return activations.count == sizes.count - 1 && names.count == activations.count ? activations : nil
    }
    let kind = try reader.parse("front_end", expected: "raw or spectral") { FrontEndKind(name: $0) }
    let samples = try reader.parse("samples_per_window", expected: "a positive integer") {
      Int($0).flatMap { $0 > 0 ? $0 : nil }
    }
    let axes = try reader.parse("axes", expected: "a positive integer") {
      Int($0).flatMap { $0 > 0 ? $0 : nil }
    }
    let rate = try reader.parse("sample_rate_hz", expected: "a positive number") {
      Float($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    }
    let frontEnd = FrontEndSpec(
      kind: kind, layout: SignalLayout(samplesPerWindow: samples, axes: axes, sampleRateHz: rate))
    let featureCount = frontEnd.featureCount
    guard sizes.first == featureCount, sizes.last == featureCount else {
      throw .invalidMetadata(
        source: source, key: "layer_sizes", value: file.metadata["layer_sizes"] ?? "",
        expected: "\(featureCount) inputs and outputs (the \(kind.name) front-end's feature count)")
    }
    let mode = try reader.parse("standardizer", expected: "per-axis or per-feature") {
      Standardizer.Mode(fileName: $0, axes: axes)
    }
    let preset = try reader.string("preset")
    let created = try reader.parse("created", expected: "an ISO 8601 date") {
      ISO8601DateFormatter().date(from: $0)
    }
    var training: TrainingSummary?
    if file.metadata["training"] != nil {
      training = try reader.parse("training", expected: "a JSON training summary") {
        try? JSONDecoder().decode(TrainingSummary.self, from: Data($0.utf8))
      }
    }

    let tensors = TensorReader(tensors: file.tensors, source: source)
    var layers: [DenseLayer] = []
    for l in 0..<sizes.count - 1 {
      let weights = try tensors.values("layers.\(l).weight", shape: [sizes[l + 1], sizes[l]])
      let bias = try tensors.values("layers.\(l).bias", shape: [sizes[l + 1]])
      layers.append(
        DenseLayer(
          weights: Matrix(rows: sizes[l + 1], cols: sizes[l], values: weights), bias: bias,
          activation: activations[l]))
    }
    let groups = mode == .perFeature ? featureCount : axes
    let mean = try tensors.values("standardizer.mean", shape: [groups])
    let std = try tensors.values("standardizer.std", shape: [groups])
    guard std.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw .invalidMetadata(
        source: source, key: "standardizer.std", value: std.map { String($0) }.joined(separator: ","),
        expected: "positive finite standard deviations")
    }
    self.init(
      frontEnd: frontEnd,
      standardizer: Standardizer(mode: mode, featureCount: featureCount, mean: mean, std: std),
      network: DenseNetwork(layers: layers),
      metadata: AutoencoderInfo(preset: preset, created: created, training: training))
  }

  /// The model file's bytes.
  public func encoded() -> Data {
    safeTensors().encoded()
  }

  /// Reads and validates a model from file bytes; `source` names the file in errors.
  public init(decoding data: Data, source: String) throws(ModelFileError) {
    try self.init(safeTensors: SafeTensorsFile(decoding: data, source: source), source: source)
  }

  /// Writes the model to `url` (atomically).
  public func save(to url: URL) throws(ModelFileError) {
    do {
      try encoded().write(to: url, options: .atomic)
    } catch {
      throw .unwritable(path: url.path, reason: error.localizedDescription)
    }
  }

  /// Reads and validates the model at `url`.
  public init(contentsOf url: URL) throws(ModelFileError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable(path: url.path, reason: error.localizedDescription)
    }
    try self.init(decoding: data, source: url.path)
  }
}

extension Standardizer.Mode {
  /// The mode's name in model files.
  var fileName: String {
    switch self {
    case .perAxis: "per-axis"
    case .perFeature: "per-feature"
    }
  }

  /// The mode named in a model file; per-axis takes the window's axis count.
  init?(fileName: String, axes: Int) {
    switch fileName {
    case "per-axis": self = .perAxis(axes: axes)
    case "per-feature": self = .perFeature
    default: return nil
    }
  }
}

/// Reads required metadata entries, failing with the entry's name.
private struct MetadataReader {
  let metadata: [String: String]
  let source: String

  func string(_ key: String) throws(ModelFileError) -> String {
    guard let value = metadata[key] else { throw .missingMetadata(source: source, key: key) }
    return value
  }

  func parse<T>(_ key: String, expected: String, _ parse: (String) -> T?) throws(ModelFileError) -> T {
    let value = try string(key)
    guard let parsed = parse(value) else {
      throw .invalidMetadata(source: source, key: key, value: value, expected: expected)
    }
    return parsed
  }
}

/// Reads required tensors, failing with the tensor's name and shapes.
private struct TensorReader {
  let tensors: [String: SafeTensor]
  let source: String

  func values(_ name: String, shape: [Int]) throws(ModelFileError) -> [Float] {
    guard let tensor = tensors[name] else { throw .missingTensor(source: source, tensor: name) }
    guard tensor.shape == shape else {
      throw .wrongShape(source: source, tensor: name, expected: shape, found: tensor.shape)
    }
    return tensor.values
  }
}
