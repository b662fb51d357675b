import EdgeCore

extension Standardizer {
  /// The statistics as the `.tflite` metadata carries them to the device.
  public func metadataStandardization() throws(ModelMetadataError) -> ModelMetadata.Standardization {
    let mode: ModelMetadata.Standardization.Mode =
      switch self.mode {
      case .perAxis: .perAxis
      case .perFeature: .perFeature
      }
    return try ModelMetadata.Standardization(mode: mode, means: mean, stds: std)
  }
}
