import EdgeCore
import Foundation
import Learning
import Testing
import Wire

@testable import CloudServer

@Suite("Threshold-only versions", .serialized)
struct ThresholdVersionTests {
  @Test(
    "a threshold-only update is a new version with the same int8 weights and the new zones in file and manifest"
  )
  func thresholdOnlyVersion() async throws {
    let fixture = try RetrainingFixture.start()
    _ = try await fixture.trainInitialModel()
    let registry = fixture.data.registry
    let v1 = try #require(try await registry.snapshot().edgeModel(version: 1))
    let v2 = try await registry.addThresholdVersion(kLow: 1.5, kHigh: 6)
    #expect(v2.version == 2)
    #expect(v2.state == .candidate)
    #expect(v2.thresholds.lowThreshold == v1.thresholds.mu + 1.5 * v1.thresholds.sigma)
    #expect(v2.thresholds.highThreshold == v1.thresholds.mu + 6 * v1.thresholds.sigma)
    #expect(v2.selfTest == v1.selfTest)

    let old = [UInt8](try registry.edgeModelBytes(v1))
    let new = [UInt8](try registry.edgeModelBytes(v2))
    #expect(
      try QuantizedModel(tflite: TFLiteModel(bytes: old)) == QuantizedModel(tflite: TFLiteModel(bytes: new)))
    let model = try EdgeModel(bytes: new)
    #expect(model.modelVersion == 2)
    #expect(model.thresholds.low == Float(v2.thresholds.lowThreshold))
    let windows = Matrix(rowArrays: TestWindows.windows(count: 20, faulty: false, seed: 70))
    #expect(
      try EdgeModelBuilder.deviceMSE(of: old, windows: windows)
        == EdgeModelBuilder.deviceMSE(of: new, windows: windows))
    #expect(try registry.files.edgeFloatModel(sha256: v2.sha256) != nil)

    try await registry.transitionEdge(version: 2, to: .current, reason: "tighter zones")
    let issued = try #require(try await registry.snapshot().latestManifest(version: 2))
    let manifest = try #require(ManifestSigner.verify(issued.envelope, publicKey: registry.signer.publicKey))
    #expect(manifest.thresholds == v2.thresholds)
    await #expect(throws: RegistryError.self) { try await registry.addThresholdVersion(kLow: 5, kHigh: 1) }
    await fixture.stop()
  }

  @Test("a .tflite read back re-encodes to the identical bytes")
  func readBackRoundTrip() async throws {
    let fixture = try RetrainingFixture.start()
    _ = try await fixture.trainInitialModel()
    let record = try #require(try await fixture.data.registry.snapshot().currentEdge)
    let bytes = [UInt8](try fixture.data.registry.edgeModelBytes(record))
    let model = try TFLiteModel(bytes: bytes)
    let metadata = try ModelMetadata(decoding: try #require(model.metadata(named: ModelMetadata.entryName)))
    #expect(try TFLiteWriter.encode(QuantizedModel(tflite: model), metadata: metadata) == bytes)
    await fixture.stop()
  }
}
