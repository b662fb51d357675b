// EHMD — the EdgeHybrid model metadata entry, format version 1.
//
// It rides in the `.tflite` file's `metadata` list under the name "edgehybrid", so that the standardization,
// the thresholds and the model version can never be separated from the model they belong to.
// Everything is little-endian; f32 is IEEE 754 binary32; sizes and counts are u32.
//
//   header   "EHMD" (45 48 4D 44) · u16 format version (1) · u32 byte length of the records that follow
//   record   u16 tag · u32 payload length · payload                      (repeated to the declared length)
//
//   tag  record             payload                                                               length
//   1    model version      u32                                                                   4
//   2    front end          u8 kind (0 raw, 1 spectral) · u32 samplesPerWindow · u32 axes ·       13
//                           f32 sampleRateHz
//   3    standardization    u8 mode (0 per axis, 1 per feature) · u32 count n · f32 means[n] ·    5 + 8n
//                           f32 stds[n]
//   4    thresholds         f32 low · f32 high · f32 mu · f32 sigma · f32 kLow · f32 kHigh ·      25
//                           u8 method (0 μ + kσ, 1 quantiles; others are kept as-is)
//   5    creation time      i64 Unix seconds                                                      8
//   6    training summary   UTF-8 text (optional; absent when empty)                              any
//
// Tags 1–5 are required. Readers skip records whose tag they do not know (newer writers may add some); a known
// tag appears at most once and has exactly the length above. A different format version marks an incompatible
// change and is refused. Records are written in tag order, but readers accept any order.

/// What travels with an edge model: its version, front-end, standardization, thresholds and creation time.
public struct ModelMetadata: Equatable, Sendable {
  /// The EHMD format version this code writes and reads.
  public static let formatVersion: UInt16 = 1
  /// The name of the `.tflite` metadata entry that holds the EHMD bytes.
  public static let entryName: StaticString = "edgehybrid"

  /// The model version (strictly increasing across updates).
  public let modelVersion: UInt32
  /// The front-end and window the model's features come from.
  public let frontEnd: FrontEndSpec
  /// How raw features are standardized before the model.
  public let standardization: Standardization
  /// The three-zone thresholds on the reconstruction MSE.
  public private(set) var thresholds: Thresholds
  /// When the model was made, in Unix seconds.
  public let createdAtUnixSeconds: Int64
  /// A free-text training summary in UTF-8 (empty when there is none).
  public let trainingSummaryUTF8: [UInt8]

  /// Metadata whose parts agree: the standardization must cover the front-end's axes or features.
  public init(
    modelVersion: UInt32, frontEnd: FrontEndSpec, standardization: Standardization, thresholds: Thresholds,
    createdAtUnixSeconds: Int64, trainingSummaryUTF8: [UInt8] = []
  ) throws(ModelMetadataError) {
    let layout = frontEnd.layout
    guard layout.samplesPerWindow > 0, layout.axes > 0, UInt32(exactly: layout.samplesPerWindow) != nil,
      UInt32(exactly: layout.axes) != nil, layout.sampleRateHz.isFinite, layout.sampleRateHz > 0
    else { throw .invalidLayout }
    let expected =
      switch standardization.mode {
      case .perAxis: layout.axes
      case .perFeature: frontEnd.featureCount
      }
    guard standardization.means.count == expected else {
      throw .standardizationCountMismatch(expected: expected, actual: standardization.means.count)
    }
    guard UInt32(exactly: trainingSummaryUTF8.count) != nil, Self.isValidUTF8(trainingSummaryUTF8) else {
      throw .invalidSummary
    }
    self.modelVersion = modelVersion
    self.frontEnd = frontEnd
    self.standardization = standardization
    self.thresholds = thresholds
    self.createdAtUnixSeconds = createdAtUnixSeconds
    self.trainingSummaryUTF8 = trainingSummaryUTF8
  }

  /// The same metadata with other thresholds (e.g. those recomputed from the int8 model's own MSEs).
  public func replacing(thresholds: Thresholds) -> ModelMetadata {
    var copy = self
    copy.thresholds = thresholds
    return copy
  }

  /// Whether bytes are well-formed UTF-8.
  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    var iterator = bytes.makeIterator()
    var decoder = Unicode.UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }
}

extension ModelMetadata {
  /// Per-axis or per-feature mean and standard deviation, fitted on the training data.
  public struct Standardization: Equatable, Sendable {
    /// Which values share one mean and deviation.
    public enum Mode: UInt8, Sendable {
      /// One pair per sensor axis.
      case perAxis = 0
      /// One pair per model feature.
      case perFeature = 1
    }

    /// Per axis or per feature.
    public let mode: Mode
    /// Means, one per axis or feature.
    public let means: [Float]
    /// Standard deviations, one per mean; finite and positive so that dividing by them is safe.
    public let stds: [Float]

    /// Statistics; refuses unequal counts, an empty set, non-finite values and deviations ≤ 0.
    public init(mode: Mode, means: [Float], stds: [Float]) throws(ModelMetadataError) {
      guard !means.isEmpty, means.count == stds.count, UInt32(exactly: means.count) != nil else {
        throw .invalidStandardization
      }
      for index in means.indices {
        guard means[index].isFinite, stds[index].isFinite, stds[index] > 0 else {
          throw .invalidStandardization
        }
      }
      self.mode = mode
      self.means = means
      self.stds = stds
    }
  }

  /// How the thresholds were derived; unknown codes from newer writers are kept, not refused.
  public struct ThresholdMethod: RawRepresentable, Equatable, Hashable, Sendable {
    /// The code stored in the file.
    public let rawValue: UInt8
    /// A method from its stored code.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// `low = μ + k_low·σ`, `high = μ + k_high·σ` of the training MSE (the default).
    public static let meanPlusKSigma = ThresholdMethod(rawValue: 0)
    /// Quantiles of the training MSE.
    public static let quantile = ThresholdMethod(rawValue: 1)
  }

  /// The three-zone decision thresholds on the reconstruction MSE, and the statistics they came from.
  public struct Thresholds: Equatable, Sendable {
    /// Below: normal, decided on the device.
    public let low: Float
    /// Above: anomaly, decided on the device; between low and high the window is escalated.
    public let high: Float
    /// Mean of the training-set MSE.
    public let mu: Float
    /// Standard deviation of the training-set MSE.
    public let sigma: Float
    /// The multiplier of σ for `low`.
    public let kLow: Float
    /// The multiplier of σ for `high`.
    public let kHigh: Float
    /// How `low` and `high` were derived.
    public let method: ThresholdMethod

    /// Thresholds; refuses non-finite values, `low > high` and a negative σ.
    public init(
      low: Float, high: Float, mu: Float, sigma: Float, kLow: Float, kHigh: Float,
      method: ThresholdMethod = .meanPlusKSigma
    ) throws(ModelMetadataError) {
      for value in [low, high, mu, sigma, kLow, kHigh] where !value.isFinite { throw .invalidThresholds }
      guard low <= high, sigma >= 0 else { throw .invalidThresholds }
      self.low = low
      self.high = high
      self.mu = mu
      self.sigma = sigma
      self.kLow = kLow
      self.kHigh = kHigh
      self.method = method
    }
  }
}
