import EdgeCore
import Foundation

/// Turns a trained float autoencoder into the device's `.tflite`: full-integer quantization calibrated on the
/// training windows, then thresholds fitted to the MSEs of the int8 model itself (float thresholds do not fit
/// int8 reconstructions), written into the file's metadata and into a thresholds document.
public struct EdgeModelBuilder: Sendable {
  /// Calibration and weight granularity of the quantization.
  public var quantization: QuantizationOptions
  /// How the thresholds are fitted to the int8 model's training MSEs.
  public var thresholdRule: ThresholdRule
  /// The model version written into the file and the thresholds document.
  public var version: UInt32

  /// A builder; the defaults are min/max calibration, per-tensor weights (the edge preset then fits in
  /// 16 KB, and older TFLite Micro builds run it), the lesson's μ + 2σ / μ + 4σ thresholds and version 1.
  public init(
    quantization: QuantizationOptions = QuantizationOptions(weights: .perTensor),
    thresholdRule: ThresholdRule = .lesson, version: UInt32 = 1
  ) {
    self.quantization = quantization
    self.thresholdRule = thresholdRule
    self.version = version
  }

  /// Quantizes `autoencoder` with its training windows (raw, one a row) as the representative data, and
  /// fits the thresholds to the int8 model's MSEs on the same windows, run exactly as the device runs them.
  public func build(_ autoencoder: Autoencoder, trainingWindows windows: Matrix) throws(EdgeModelBuildError)
    -> EdgeModelBuild
  {
    let layout = autoencoder.frontEnd.layout
    guard windows.rows > 0 else { throw .noWindows }
    guard windows.cols == layout.valuesPerWindow else {
      throw .windowWidth(expected: layout.valuesPerWindow, actual: windows.cols)
    }
    let features = autoencoder.frontEnd.features(ofWindows: windows)
    let standardized = autoencoder.standardizer.apply(features)
    let quantized: QuantizedModel
    do throws(QuantizationError) {
      let calibration = try CalibrationSet(values: standardized.values, width: standardized.cols)
      quantized = try Quantizer(options: quantization).quantize(
        autoencoder.network.floatDenseLayers, calibration: calibration)
    } catch {
      throw .quantization(error)
    }

    let floatMSE = autoencoder.reconstructionErrors(features: features)
    let floatThresholds = try fitThresholds(floatMSE)
    let provisional = try metadata(of: autoencoder, thresholds: floatThresholds)
    let int8MSE = try Self.deviceMSE(of: try encode(quantized, provisional), windows: windows)
    let thresholds = try fitThresholds(int8MSE)
    let metadata = try metadata(of: autoencoder, thresholds: thresholds)
    let comparison: QuantizationComparison
    do throws(ZoneThresholdsError) {
      comparison = QuantizationComparison(
        floatMSE: floatMSE, int8MSE: int8MSE, floatThresholds: try floatThresholds.zoneThresholds(),
        int8Thresholds: try thresholds.zoneThresholds())
    } catch {
      throw .model(.thresholds(error))
    }
    return EdgeModelBuild(
      tflite: try encode(quantized, metadata), thresholds: thresholds, metadata: metadata,
      quantized: quantized,
      comparison: comparison, int8MSE: int8MSE, floatMSE: floatMSE)
  }

  /// The MSE of each window through a `.tflite` model as `EdgeModel` (the device) computes it.
  public static func deviceMSE(of tflite: [UInt8], windows: Matrix) throws(EdgeModelBuildError) -> [Float] {
    var model: EdgeModel
    do throws(EdgeModelError) {
      model = try EdgeModel(bytes: tflite)
    } catch {
      throw .model(error)
    }
    guard windows.cols == model.layout.valuesPerWindow else {
      throw .windowWidth(expected: model.layout.valuesPerWindow, actual: windows.cols)
    }
    let width = windows.cols
    var mse = [Float](repeating: 0, count: windows.rows)
    windows.values.withUnsafeBufferPointer { values in
      for row in 0..<windows.rows {
        mse[row] =
          model.evaluate(window: UnsafeBufferPointer(rebasing: values[row * width..<(row + 1) * width])).mse
      }
    }
    return mse
  }

  private func fitThresholds(_ mse: [Float]) throws(EdgeModelBuildError) -> ThresholdsDocument {
    do throws(ThresholdError) {
      return try ThresholdsDocument(fitting: mse, rule: thresholdRule, version: Int(version))
    } catch {
      throw .thresholds(error)
    }
  }

  /// The metadata of `autoencoder` with `thresholds`; its creation time is the float model's, so that the
  /// same float model and options always give the same bytes.
  private func metadata(of autoencoder: Autoencoder, thresholds: ThresholdsDocument)
    throws(EdgeModelBuildError)
    -> ModelMetadata
  {
    do throws(ModelMetadataError) {
      return try ModelMetadata(
        modelVersion: version, frontEnd: autoencoder.frontEnd,
        standardization: try autoencoder.standardizer.metadataStandardization(),
        thresholds: try ModelMetadata.Thresholds(thresholds),
        createdAtUnixSeconds: Int64(autoencoder.metadata.created.timeIntervalSince1970.rounded(.down)),
        trainingSummaryUTF8: Self.summary(of: autoencoder.metadata))
    } catch {
      throw .metadata(error)
    }
  }

  private func encode(_ model: QuantizedModel, _ metadata: ModelMetadata) throws(EdgeModelBuildError)
    -> [UInt8]
  {
    do throws(TFLiteWriterError) {
      return try TFLiteWriter.encode(model, metadata: metadata)
    } catch {
      throw .writer(error)
    }
  }

  /// The float model's preset and training record as compact JSON, the metadata's training summary.
  static func summary(of info: AutoencoderInfo) -> [UInt8] {
    struct Summary: Encodable {
      let preset: String
      let training: TrainingSummary?
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Strings, integers and finite numbers always encode.
    return [UInt8]((try? encoder.encode(Summary(preset: info.preset, training: info.training))) ?? Data())
  }
}

/// What `EdgeModelBuilder` made: the `.tflite` bytes and everything a report or a server needs beside them.
public struct EdgeModelBuild: Sendable {
  /// The finished `.tflite` file, thresholds of the int8 model in its metadata.
  public let tflite: [UInt8]
  /// The thresholds document (`GET /model/thresholds`), fitted to the int8 model's training MSEs.
  public let thresholds: ThresholdsDocument
  /// The metadata written into the file.
  public let metadata: ModelMetadata
  /// The quantized network.
  public let quantized: QuantizedModel
  /// Float versus int8 on the training windows.
  public let comparison: QuantizationComparison
  /// The int8 model's MSE of each training window, as the device computes it.
  public let int8MSE: [Float]
  /// The float model's MSE of each training window.
  public let floatMSE: [Float]
}
