import ArgumentParser
import EdgeCore
import Foundation
import Learning

/// `edgehybrid inspect`: what a `.tflite` holds and what running it on a device costs.
struct InspectCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show a .tflite's operators, tensors, quantization, sizes, metadata and arena.",
    discussion: """
      Reads the file with EdgeCore's validating reader (the device's), so a file it shows is one a \
      device loads. The EdgeHybrid metadata (front-end, standardization, thresholds, version) is \
      decoded when present; models made by TensorFlow's converter have none.

      Examples:
        edgehybrid inspect edge.tflite
        edgehybrid inspect edge.tflite --json
      """
  )

  @Argument(help: "The .tflite file.")
  var model: String

  @Flag(help: "Print one JSON object (every scale and statistic in full).")
  var json = false

  func run() async throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: model)))
    let inspection = try ModelInspection(bytes: bytes, file: model)
    print(json ? try JSONOutput.string(inspection) : inspection.text)
  }
}

/// Everything `inspect` reports about a model.
struct ModelInspection: Encodable {
  /// One operator of the chain.
  struct Operator: Encodable {
    let index: Int
    let op: String
    let version: Int32
    let activation: String?
    let inputs: [Int]
    let outputs: [Int]
  }

  /// One tensor with its quantization.
  struct Tensor: Encodable {
    let index: Int
    let name: String
    let shape: [Int]
    let type: String
    let dataBytes: Int
    let scales: [Float]
    let zeroPoints: [Int64]
    let quantizedDimension: Int?
  }

  /// Bytes of working memory and parameters the engines allocate at load.
  struct Memory: Encodable {
    let simdArenaBytes: Int
    let referenceArenaBytes: Int
    let simdParameterBytes: Int
    let referenceParameterBytes: Int
    let edgeModelArenaBytes: Int?
  }

  /// The decoded "edgehybrid" metadata.
  struct EdgeHybridMetadata: Encodable {
    let modelVersion: UInt32
    let frontEnd: String
    let samplesPerWindow: Int
    let axes: Int
    let sampleRateHz: Float
    let featureCount: Int
    let standardization: String
    let means: [Float]
    let stds: [Float]
    let thresholds: Thresholds
    let createdAt: String
    let trainingSummary: String?
  }

  /// The metadata thresholds.
  struct Thresholds: Encodable {
    let low: Float
    let high: Float
    let mu: Float
    let sigma: Float
    let kLow: Float
    let kHigh: Float
    let method: String
  }

  let file: String
  let fileBytes: Int
  let constantBytes: Int
  let metadataBytes: Int
  let schemaVersion: UInt32
  let inputTensor: Int
  let outputTensor: Int
  let multiplyAccumulates: Int
  let operators: [Operator]
  let tensors: [Tensor]
  let metadataEntries: [String: Int]
  let memory: Memory
  let edgehybrid: EdgeHybridMetadata?
  let metadataProblem: String?

  /// Reads and validates `bytes` with EdgeCore.
  init(bytes: [UInt8], file: String) throws {
    let model = try TFLiteModel(bytes: bytes)
    self.file = file
    fileBytes = bytes.count
    schemaVersion = model.schemaVersion
    inputTensor = model.inputTensor
    outputTensor = model.outputTensor
    constantBytes = model.tensors.reduce(0) { $0 + $1.data.count }
    metadataBytes = model.metadata.reduce(0) { $0 + $1.data.count }
    metadataEntries = Dictionary(
      model.metadata.map { (String(decoding: $0.name, as: UTF8.self), $0.data.count) },
      uniquingKeysWith: { first, _ in first })
    operators = model.operators.enumerated().map { index, op in
      Operator(
        index: index, op: op.kind.schemaName, version: op.version, activation: op.kind.activationName,
        inputs: op.inputs, outputs: op.outputs)
    }
    multiplyAccumulates = model.operators.reduce(0) { sum, op in
      guard case .fullyConnected = op.kind else { return sum }
      return sum + model.tensors[op.inputs[1]].elementCount
    }
    tensors = model.tensors.enumerated().map { index, tensor in
      Tensor(
        index: index, name: String(decoding: tensor.name, as: UTF8.self), shape: tensor.shape,
        type: tensor.type.name, dataBytes: tensor.data.count, scales: tensor.quantization?.scales ?? [],
        zeroPoints: tensor.quantization?.zeroPoints ?? [],
        quantizedDimension: tensor.quantization.map(\.quantizedDimension))
    }
    let simd = try InferenceEngine(model: model, kernel: .simd)
    let reference = try InferenceEngine(model: model, kernel: .reference)
    var edgeModelArena: Int?
    var decoded: EdgeHybridMetadata?
    var problem: String?
    if model.metadata(named: ModelMetadata.entryName) != nil {
      do {
        let edge = try EdgeModel(bytes: bytes)
        edgeModelArena = edge.arenaBytes
        decoded = edge.metadata.map(EdgeHybridMetadata.init)
      } catch {
        problem = "\(error)"
      }
    }
    memory = Memory(
      simdArenaBytes: simd.arenaBytes, referenceArenaBytes: reference.arenaBytes,
      simdParameterBytes: simd.parameterBytes, referenceParameterBytes: reference.parameterBytes,
      edgeModelArenaBytes: edgeModelArena)
    edgehybrid = decoded
    metadataProblem = problem
  }

  /// The report for a terminal.
  var text: String {
    var lines = [
      "\(file): \(fileBytes) bytes (constant data \(constantBytes), metadata \(metadataBytes)), schema v\(schemaVersion)",
      "graph: tensor \(inputTensor) → tensor \(outputTensor), \(operators.count) operators, "
        + "\(multiplyAccumulates) multiply-accumulates a window",
      "",
    ]
    var ops = TextTable(header: ["#", "operator", "version", "activation", "inputs", "outputs"])
    for op in operators {
      ops.append([
        String(op.index), op.op, String(op.version), op.activation ?? "",
        op.inputs.map(String.init).joined(separator: ","), op.outputs.map(String.init).joined(separator: ","),
      ])
    }
    lines.append(ops.description)
    var table = TextTable(header: ["#", "name", "shape", "type", "bytes", "scale", "zero point"])
    for tensor in tensors {
      table.append([
        String(tensor.index), tensor.name, "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]",
        tensor.type, String(tensor.dataBytes), Self.summary(tensor.scales.map(Double.init)),
        Self.summary(tensor.zeroPoints.map(Double.init)),
      ])
    }
    lines += ["", table.description, ""]
    lines.append(
      "arena: \(memory.simdArenaBytes) bytes (SIMD kernel), \(memory.referenceArenaBytes) (reference kernel); "
        + "parameters held: \(memory.simdParameterBytes) / \(memory.referenceParameterBytes) bytes"
        + (memory.edgeModelArenaBytes.map { "; whole device model (arena + feature buffers): \($0) bytes" }
          ?? ""))
    lines.append(
      "metadata entries: "
        + metadataEntries.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value) bytes)" }.joined(
          separator: ", "))
    if let problem = metadataProblem { lines.append("edgehybrid metadata refused: \(problem)") }
    if let meta = edgehybrid {
      let t = meta.thresholds
      lines += [
        "model version \(meta.modelVersion), created \(meta.createdAt)",
        "front-end \(meta.frontEnd) over \(meta.samplesPerWindow) samples × \(meta.axes) axes at "
          + "\(meta.sampleRateHz) Hz → \(meta.featureCount) features",
        "standardization \(meta.standardization): means \(Self.summary(meta.means.map(Double.init))), "
          + "stds \(Self.summary(meta.stds.map(Double.init)))",
        "thresholds (\(t.method)): low \(t.low), high \(t.high); μ \(t.mu), σ \(t.sigma), "
          + "k_low \(t.kLow), k_high \(t.kHigh)",
      ]
      if let summary = meta.trainingSummary { lines.append("training: \(summary)") }
    } else if metadataProblem == nil {
      lines.append(
        "no edgehybrid metadata: run it with an explicit front-end, standardization and thresholds")
    }
    return lines.joined(separator: "\n")
  }

  /// A short form of a parameter list: the values when there are up to three, else count and range.
  static func summary(_ values: [Double]) -> String {
    guard values.count > 3 else { return values.map { Formatting.significant($0) }.joined(separator: ", ") }
    return
      "\(values.count) values \(Formatting.significant(values.min()!))…\(Formatting.significant(values.max()!))"
  }
}

extension ModelInspection.EdgeHybridMetadata {
  /// The report form of decoded metadata.
  init(_ metadata: ModelMetadata) {
    let layout = metadata.frontEnd.layout
    let thresholds = metadata.thresholds
    let created = Date(timeIntervalSince1970: TimeInterval(metadata.createdAtUnixSeconds))
    self.init(
      modelVersion: metadata.modelVersion, frontEnd: metadata.frontEnd.kind.name,
      samplesPerWindow: layout.samplesPerWindow, axes: layout.axes, sampleRateHz: layout.sampleRateHz,
      featureCount: metadata.frontEnd.featureCount,
      standardization: metadata.standardization.mode == .perAxis ? "per axis" : "per feature",
      means: metadata.standardization.means, stds: metadata.standardization.stds,
      thresholds: .init(
        low: thresholds.low, high: thresholds.high, mu: thresholds.mu, sigma: thresholds.sigma,
        kLow: thresholds.kLow, kHigh: thresholds.kHigh, method: thresholds.method.name),
      createdAt: ISO8601DateFormatter().string(from: created),
      trainingSummary: metadata.trainingSummaryUTF8.isEmpty
        ? nil : String(decoding: metadata.trainingSummaryUTF8, as: UTF8.self))
  }
}

extension TFLiteOperatorKind {
  /// The schema's operator name.
  var schemaName: String {
    switch self {
    case .fullyConnected: "FULLY_CONNECTED"
    case .quantize: "QUANTIZE"
    case .dequantize: "DEQUANTIZE"
    case .reshape: "RESHAPE"
    }
  }

  /// The fused activation's schema name, for FULLY_CONNECTED.
  var activationName: String? {
    guard case .fullyConnected(let activation) = self else { return nil }
    return switch activation {
    case .none: "NONE"
    case .relu: "RELU"
    case .reluMinusOneToOne: "RELU_N1_TO_1"
    case .relu6: "RELU6"
    }
  }
}

extension TFLiteTensorType {
  /// The element type's name.
  var name: String {
    switch self {
    case .float32: "float32"
    case .int32: "int32"
    case .int8: "int8"
    }
  }
}

extension ModelMetadata.ThresholdMethod {
  /// `sigma`, `quantile`, or the unknown code.
  var name: String {
    switch self {
    case .meanPlusKSigma: "sigma"
    case .quantile: "quantile"
    default: "method \(rawValue)"
    }
  }
}
