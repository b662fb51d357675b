/// The device's whole detector, loaded from one `.tflite` file: front-end, standardization, the int8
/// autoencoder and the zone thresholds, so that a window goes in and a verdict comes out.
///
/// Lifetime contract (after `InferenceEngine`): `init` validates everything and allocates all memory;
/// `evaluate` and `standardize` never allocate, lock or fail (wrong buffer sizes are programming errors
/// and trap). The model is not copyable, may move to another thread, and serves one caller at a time.
public struct EdgeModel: ~Copyable, @unchecked Sendable {
  /// The model version from the metadata (or given by the caller for a model without metadata).
  public let modelVersion: UInt32
  /// The zone thresholds on the reconstruction MSE; a device may replace them (e.g. from the server).
  public var thresholds: ZoneThresholds
  /// The front-end and window layout the model reads.
  public let frontEnd: FrontEndSpec
  /// The per-axis or per-feature statistics applied to the features before the model.
  public let standardization: ModelMetadata.Standardization
  /// The decoded "edgehybrid" metadata, or nil when the caller supplied the configuration.
  public let metadata: ModelMetadata?
  /// Values in one model input (the front-end's feature count).
  public let featureCount: Int
  /// Bytes of per-window working memory: the engine's activation arena and the feature buffers
  /// (the spectral front-end's FFT tables and scratch come on top).
  public let arenaBytes: Int
  /// Bytes of weights, biases, scales and standardization statistics held for inference.
  public let parameterBytes: Int

  private var extractor: FrontEnd
  private var engine: InferenceEngine
  /// Per feature: mean, standard deviation, standardized input, and (spectral only) raw features.
  private let storage: UnsafeMutablePointer<Float>
  private let means: UnsafeMutablePointer<Float>
  private let stds: UnsafeMutablePointer<Float>
  private let standardized: UnsafeMutablePointer<Float>
  private let features: UnsafeMutablePointer<Float>

  /// A model from a `.tflite` file that carries EdgeHybrid metadata (front-end, standardization,
  /// thresholds, version); refuses files without it.
  public init(bytes: [UInt8], kernel: InferenceEngine.Kernel = .simd) throws(EdgeModelError) {
    let model: TFLiteModel
    do throws(TFLiteError) {
      model = try TFLiteModel(bytes: bytes)
    } catch {
      throw .model(error)
    }
    guard let entry = model.metadata(named: ModelMetadata.entryName) else { throw .missingMetadata }
    let metadata: ModelMetadata
    do throws(ModelMetadataError) {
      metadata = try ModelMetadata(decoding: entry)
    } catch {
      throw .metadata(error)
    }
    let thresholds: ZoneThresholds
    do throws(ZoneThresholdsError) {
      thresholds = try ZoneThresholds(low: metadata.thresholds.low, high: metadata.thresholds.high)
    } catch {
      throw .thresholds(error)
    }
    try self.init(
      model: model, frontEnd: metadata.frontEnd, standardization: metadata.standardization,
      thresholds: thresholds,
      modelVersion: metadata.modelVersion, metadata: metadata, kernel: kernel)
  }

  /// A model from any `.tflite` autoencoder (for example one made by TensorFlow's converter) with the
  /// configuration supplied by the caller; metadata in the file, if any, is ignored.
  public init(
    bytes: [UInt8], frontEnd: FrontEndSpec, standardization: ModelMetadata.Standardization,
    thresholds: ZoneThresholds, modelVersion: UInt32, kernel: InferenceEngine.Kernel = .simd
  ) throws(EdgeModelError) {
    let model: TFLiteModel
    do throws(TFLiteError) {
      model = try TFLiteModel(bytes: bytes)
    } catch {
      throw .model(error)
    }
    try self.init(
      model: model, frontEnd: frontEnd, standardization: standardization, thresholds: thresholds,
      modelVersion: modelVersion, metadata: nil, kernel: kernel)
  }

  private init(
    model: TFLiteModel, frontEnd: FrontEndSpec, standardization: ModelMetadata.Standardization,
    thresholds: ZoneThresholds, modelVersion: UInt32, metadata: ModelMetadata?, kernel: InferenceEngine.Kernel
  ) throws(EdgeModelError) {
    guard frontEnd.layout.samplesPerWindow > 0, frontEnd.layout.axes > 0 else { throw .invalidLayout }
    let featureCount = frontEnd.featureCount
    let groups =
      switch standardization.mode {
      case .perAxis: frontEnd.layout.axes
      case .perFeature: featureCount
      }
    guard standardization.means.count == groups else {
      throw .standardizationCountMismatch(expected: groups, actual: standardization.means.count)
    }
    let engine: InferenceEngine
    do throws(TFLiteError) {
      engine = try InferenceEngine(model: model, kernel: kernel)
    } catch {
      throw .model(error)
    }
    guard engine.inputCount == featureCount else {
      throw .featureCountMismatch(features: featureCount, modelInput: engine.inputCount)
    }
    guard engine.outputCount == engine.inputCount else {
      throw .notAnAutoencoder(modelInput: engine.inputCount, modelOutput: engine.outputCount)
    }

    let featureBuffer = frontEnd.kind == .raw ? 0 : featureCount
    storage = .allocate(capacity: 3 * featureCount + featureBuffer)
    means = storage
    stds = storage + featureCount
    standardized = storage + 2 * featureCount
    features = storage + 3 * featureCount
    storage.initialize(repeating: 0, count: 3 * featureCount + featureBuffer)
    for feature in 0..<featureCount {
      // Per axis: feature f of the interleaved window belongs to axis f % axes (as Learning's Standardizer).
      let group = standardization.mode == .perAxis ? feature % frontEnd.layout.axes : feature
      means[feature] = standardization.means[group]
      stds[feature] = standardization.stds[group]
    }
    arenaBytes = engine.arenaBytes + 4 * (featureCount + featureBuffer)
    parameterBytes = engine.parameterBytes + 8 * featureCount
    self.engine = engine
    extractor = FrontEnd(spec: frontEnd)
    self.modelVersion = modelVersion
    self.thresholds = thresholds
    self.frontEnd = frontEnd
    self.standardization = standardization
    self.metadata = metadata
    self.featureCount = featureCount
  }

  deinit {
    storage.deallocate()
  }

  /// The window layout the model reads.
  public var layout: SignalLayout { frontEnd.layout }

  /// Runs one window (`layout.valuesPerWindow` values, sample-major interleaved) through front-end,
  /// standardization and the int8 autoencoder, and places its reconstruction error among the thresholds.
  public mutating func evaluate(window: UnsafeBufferPointer<Float>) -> EdgeVerdict {
    standardizeWindow(window)
    let mse = engine.reconstructionError(UnsafeBufferPointer(start: standardized, count: featureCount))
    return EdgeVerdict(mse: mse, zone: thresholds.classify(mse))
  }

  /// The standardized features of one window, as the model receives them (before int8 quantization).
  public mutating func standardize(
    window: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(output.count == featureCount, "the output must hold featureCount values")
    standardizeWindow(window)
    output.baseAddress!.update(from: standardized, count: featureCount)
  }

  /// Front-end (spectral) and `(x − mean) / std` per feature into `standardized`.
  private mutating func standardizeWindow(_ window: UnsafeBufferPointer<Float>) {
    precondition(
      window.count == frontEnd.layout.valuesPerWindow, "a window holds samplesPerWindow × axes values")
    var source = window.baseAddress!
    if frontEnd.kind != .raw {
      extractor.extract(
        window: window, into: UnsafeMutableBufferPointer(start: features, count: featureCount))
      source = UnsafePointer(features)
    }
    Self.standardize(source, means: means, stds: stds, into: standardized, count: featureCount)
  }

  /// `(x − mean) / std` elementwise, eight lanes at a time (IEEE division: the same bits as the scalar form).
  private static func standardize(
    _ x: UnsafePointer<Float>, means: UnsafePointer<Float>, stds: UnsafePointer<Float>,
    into output: UnsafeMutablePointer<Float>, count: Int
  ) {
    var index = 0
    while index &+ 8 <= count {
      let value = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
      let mean = UnsafeRawPointer(means + index).loadUnaligned(as: SIMD8<Float>.self)
      let std = UnsafeRawPointer(stds + index).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(output + index).storeBytes(of: (value - mean) / std, as: SIMD8<Float>.self)
      index &+= 8
    }
    while index < count {
      output[index] = (x[index] - means[index]) / stds[index]
      index &+= 1
    }
  }
}
