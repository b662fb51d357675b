import EdgeCore

extension EdgeModelBuilder {
  /// The same int8 network as `tflite` with new thresholds and a new version in its metadata: a threshold-only
  /// update (weights, scaling and creation time unchanged, so only the version and the zones differ).
  public static func rethreshold(_ tflite: [UInt8], version: UInt32, thresholds: ModelMetadata.Thresholds)
    throws(EdgeModelBuildError) -> [UInt8]
  {
    let model: TFLiteModel
    do throws(TFLiteError) {
      model = try TFLiteModel(bytes: tflite)
    } catch {
      throw .model(.model(error))
    }
    guard let entry = model.metadata(named: ModelMetadata.entryName) else { throw .model(.missingMetadata) }
    let quantized: QuantizedModel
    let metadata: ModelMetadata
    do throws(ModelMetadataError) {
      let old = try ModelMetadata(decoding: entry)
      metadata = try ModelMetadata(
        modelVersion: version, frontEnd: old.frontEnd, standardization: old.standardization,
        thresholds: thresholds, createdAtUnixSeconds: old.createdAtUnixSeconds,
        trainingSummaryUTF8: old.trainingSummaryUTF8)
    } catch {
      throw .metadata(error)
    }
    do throws(QuantizationError) {
      quantized = try QuantizedModel(tflite: model)
    } catch {
      throw .quantization(error)
    }
    do throws(TFLiteWriterError) {
      return try TFLiteWriter.encode(quantized, metadata: metadata)
    } catch {
      throw .writer(error)
    }
  }
}
