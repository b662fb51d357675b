import Crypto
import EdgeCore
import Foundation
import Synchronization
import Wire

@testable import EdgeAgent

/// Signs manifests the way the server does (Ed25519 over the payload bytes).
struct ManifestSigner {
  let key = Curve25519.Signing.PrivateKey()

  var verifier: ManifestVerifier { ManifestVerifier(publicKey: key.publicKey) }

  func document(
    serial: Int, version: Int, payload: [UInt8], rollback: Bool = false, expectedGain: UInt8? = nil,
    expectedEscalationRate: Double? = nil
  ) -> ModelManifest {
    let gainPayload = expectedGain.map { FakeModel.payload(gain: $0) } ?? payload
    return ModelManifest(
      serial: serial, version: version, filename: "model.tflite", sizeBytes: payload.count,
      sha256: SHA256Hasher.hash(payload).hex,
      thresholds: ThresholdsResponse(
        version: version, lowThreshold: 0.2, highThreshold: 0.4, mu: 0.1, sigma: 0.05, kLow: 2, kHigh: 4),
      selfTest: FakeModel.selfTestWindows.map {
        Wire.SelfTestCase(input: $0, expectedMSE: Double(FakeModel.mse(gainPayload, $0)))
      },
      selfTestTolerance: 0.01, created: .now(), issued: .now(), rollback: rollback,
      expectedEscalationRate: expectedEscalationRate)
  }

  func sign(_ document: ModelManifest) throws -> SignedManifestEnvelope {
    let payload = [UInt8](try JSONEncoder().encode(document))
    return SignedManifestEnvelope(payload: payload, signature: [UInt8](try key.signature(for: payload)))
  }
}

/// A model server in memory: a version, a signed manifest, model bytes per version, and scripted faults.
final class InMemoryModelSource: ModelSource {
  struct Script: Sendable {
    var version = 0
    var manifest: SignedManifestEnvelope?
    var models: [Int: [UInt8]] = [:]
    /// What the next download calls do, in order: deliver at most n bytes (a cut connection), or fail (nil);
    /// once used up, calls deliver everything asked.
    var downloadPlan: [Int?] = []
    var unreachable = false
    var requestedRanges: [Range<Int>] = []
  }

  let script = Mutex(Script())

  func fetchVersion() async throws(ModelSourceError) -> Int {
    let (unreachable, version) = script.withLock { ($0.unreachable, $0.version) }
    if unreachable { throw .unreachable("connection refused") }
    return version
  }

  func fetchManifest() async throws(ModelSourceError) -> SignedManifestEnvelope {
    guard let manifest = script.withLock({ $0.manifest }) else { throw .status(404, "no manifest") }
    return manifest
  }

  func download(version: Int, range: Range<Int>) async throws(ModelSourceError) -> [UInt8] {
    let result: Result<[UInt8], ModelSourceError> = script.withLock { script in
      script.requestedRanges.append(range)
      let limit = script.downloadPlan.isEmpty ? Int.max : script.downloadPlan.removeFirst()
      guard let limit else { return .failure(.unreachable("reset by peer")) }
      guard let bytes = script.models[version] else { return .failure(.status(404, "no model \(version)")) }
      let end = min(bytes.count, range.upperBound, range.lowerBound + min(limit, bytes.count))
      return .success(Array(bytes[range.lowerBound..<max(end, range.lowerBound)]))
    }
    return try result.get()
  }
}

/// The loop's side, faked: remembers the active model and computes `FakeModel` MSEs.
final class FakeActivator: ModelActivator {
  struct Active: Equatable, Sendable {
    var version: Int
    var payload: [UInt8]?
    var thresholds: ZoneThresholds?
  }

  let active = Mutex(Active(version: -1, payload: nil, thresholds: nil))
  /// Versions activated, in order (-1 = the built-in model).
  let history = Mutex<[Int]>([])

  func activate(payload: [UInt8], version: Int, thresholds: ZoneThresholds?)
    async throws(ModelActivationError)
  {
    guard payload.first != 0 else { throw ModelActivationError("gain 0 is not a model") }
    active.withLock { $0 = Active(version: version, payload: payload, thresholds: thresholds) }
    history.withLock { $0.append(version) }
  }

  func activateBuiltIn() async {
    active.withLock { $0 = Active(version: -1, payload: nil, thresholds: nil) }
    history.withLock { $0.append(-1) }
  }

  func selfTestMSE(_ windows: [[Float]]) async throws(ModelActivationError) -> [Float] {
    guard let payload = active.withLock({ $0.payload }) else {
      throw ModelActivationError("built-in model active")
    }
    return windows.map { FakeModel.mse(payload, $0) }
  }
}

/// Keeps every published OTA step.
final class RecordingSink: OTAEventSink {
  let events = Mutex<[OTAStepEvent]>([])

  func publish(_ event: OTAStepEvent) async {
    events.withLock { $0.append(event) }
  }

  var steps: [OTAStepEvent.Step] { events.withLock { $0.map(\.step) } }

  func clear() { events.withLock { $0.removeAll() } }
}
