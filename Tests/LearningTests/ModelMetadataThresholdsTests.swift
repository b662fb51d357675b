import EdgeCore
import Learning
import Testing

@Suite struct ModelMetadataThresholdsTests {
  @Test func metadataThresholdsCarryTheDocumentsValuesInSinglePrecision() throws {
    let document = try ThresholdsDocument(fitting: [0.1, 0.2, 0.3, 0.7], rule: .lesson, version: 3)
    let thresholds = try ModelMetadata.Thresholds(document)
    #expect(
      thresholds.low == Float(document.lowThreshold) && thresholds.high == Float(document.highThreshold))
    #expect(thresholds.mu == Float(document.mu) && thresholds.sigma == Float(document.sigma))
    #expect(thresholds.kLow == 2 && thresholds.kHigh == 4 && thresholds.method == .meanPlusKSigma)
    #expect(try ZoneThresholds(low: thresholds.low, high: thresholds.high) == document.zoneThresholds())
  }

  @Test func quantileDocumentsBecomeQuantileMetadataThatTravelsInTheFile() throws {
    let document = try ThresholdsDocument(
      fitting: (1...100).map { Float($0) / 100 }, rule: .quantile(low: 0.9, high: 0.99), version: 1)
    let thresholds = try ModelMetadata.Thresholds(document)
    #expect(thresholds.method == .quantile && thresholds.low == Float(document.lowThreshold))
    let metadata = try QuantizerFixtures.metadata().replacing(thresholds: thresholds)
    #expect(try ModelMetadata(decoding: metadata.encode()).thresholds == thresholds)
  }

  @Test func documentsThatAreNotValidMetadataAreRefused() throws {
    var document = try ThresholdsDocument(fitting: [1, 2], version: 1)
    document.lowThreshold = 5
    document.highThreshold = 1
    #expect(throws: ModelMetadataError.invalidThresholds) { try ModelMetadata.Thresholds(document) }
    #expect(ModelMetadataError.invalidThresholds.description.contains("low ≤ high"))
  }
}
