import Crypto
import Foundation
import Testing
import Wire

@testable import CloudServer

@Suite("Model registry state machine")
struct RegistrySnapshotTests {
  let signer = ManifestSigner(privateKey: Curve25519.Signing.PrivateKey())
  let time = WireTimestamp(millisecondsSince1970: 1_000)

  static func model(_ version: Int) -> EdgeModelRecord {
    EdgeModelRecord(
      version: version, sha256: String(repeating: "\(version % 10)", count: 64), sizeBytes: 100 + version,
      thresholds: ThresholdsResponse(
        version: version, lowThreshold: 0.1, highThreshold: 0.2, mu: 0.05, sigma: 0.025, kLow: 2, kHigh: 4),
      selfTest: [], selfTestTolerance: 1e-3, trainingStats: nil,
      created: WireTimestamp(millisecondsSince1970: 0),
      state: .candidate, reason: nil, stateChanged: WireTimestamp(millisecondsSince1970: 0))
  }

  private func manifest(_ snapshot: RegistrySnapshot, version: Int) throws -> ModelManifest {
    let record = try #require(snapshot.latestManifest(version: version))
    return try #require(ManifestSigner.verify(record.envelope, publicKey: signer.publicKey))
  }

  @Test("versions must increase and match their thresholds")
  func versionsIncrease() throws {
    var registry = RegistrySnapshot()
    try registry.registerEdge(Self.model(1))
    #expect(throws: RegistryError.versionNotIncreasing(1, latest: 1)) {
      try registry.registerEdge(Self.model(1))
    }
    var mismatched = Self.model(2)
    mismatched.thresholds.version = 5
    #expect(throws: RegistryError.thresholdsVersionMismatch(model: 2, thresholds: 5)) {
      try registry.registerEdge(mismatched)
    }
    #expect(registry.nextEdgeVersion == 2)
  }

  @Test("promotion retires the old current and signs a manifest with a larger serial")
  func promotion() throws {
    var registry = RegistrySnapshot()
    try registry.registerEdge(Self.model(1))
    try registry.registerEdge(Self.model(2))
    try registry.transitionEdge(version: 1, to: .current, reason: nil, at: time, signer: signer)
    try registry.transitionEdge(version: 2, to: .current, reason: "passed gate", at: time, signer: signer)
    #expect(registry.currentEdge?.version == 2)
    #expect(registry.edgeModel(version: 1)?.state == .retired)
    let first = try manifest(registry, version: 1)
    let second = try manifest(registry, version: 2)
    #expect(second.serial > first.serial)
    #expect(second.rollback == false)
    #expect(second.sizeBytes == 102)
  }

  @Test("canary then promote; rejecting a canary re-issues the current as a rollback")
  func canaryFlows() throws {
    var registry = RegistrySnapshot()
    for version in 1...3 { try registry.registerEdge(Self.model(version)) }
    try registry.transitionEdge(version: 1, to: .current, reason: nil, at: time, signer: signer)
    try registry.transitionEdge(version: 2, to: .canary, reason: nil, at: time, signer: signer)
    #expect(throws: RegistryError.canaryInProgress(2)) {
      try registry.transitionEdge(version: 3, to: .canary, reason: nil, at: time, signer: signer)
    }
    try registry.transitionEdge(
      version: 2, to: .rejected, reason: "escalation rate doubled", at: time, signer: signer)
    #expect(registry.edgeModel(version: 2)?.reason == "escalation rate doubled")
    let back = try manifest(registry, version: 1)
    #expect(back.rollback)
    #expect(back.rollbackFrom == 2)
    #expect(back.serial == 3)
    try registry.transitionEdge(version: 3, to: .canary, reason: nil, at: time, signer: signer)
    try registry.transitionEdge(version: 3, to: .current, reason: nil, at: time, signer: signer)
    #expect(registry.currentEdge?.version == 3)
    #expect(registry.canaryEdge == nil)
  }

  @Test("rollback marks the current rolled back and restores the newest retired version")
  func rollback() throws {
    var registry = RegistrySnapshot()
    for version in 1...3 { try registry.registerEdge(Self.model(version)) }
    #expect(throws: RegistryError.nothingToRollBackTo(current: nil)) {
      try registry.rollbackEdge(reason: "x", at: time, signer: signer)
    }
    for version in 1...3 {
      try registry.transitionEdge(version: version, to: .current, reason: nil, at: time, signer: signer)
    }
    let moved = try registry.rollbackEdge(reason: "bad field results", at: time, signer: signer)
    #expect(moved.from == 3)
    #expect(moved.to == 2)
    #expect(registry.edgeModel(version: 3)?.state == .rolledBack)
    let restored = try manifest(registry, version: 2)
    #expect(restored.rollback)
    #expect(restored.rollbackFrom == 3)
    #expect(restored.serial == registry.manifests.map(\.serial).max())
  }

  @Test("transitions outside the state machine are refused")
  func invalidTransitions() throws {
    var registry = RegistrySnapshot()
    try registry.registerEdge(Self.model(1))
    #expect(throws: RegistryError.invalidTransition(version: 1, from: .candidate, to: .retired)) {
      try registry.transitionEdge(version: 1, to: .retired, reason: nil, at: time, signer: signer)
    }
    try registry.transitionEdge(version: 1, to: .current, reason: nil, at: time, signer: signer)
    #expect(throws: RegistryError.invalidTransition(version: 1, from: .current, to: .rejected)) {
      try registry.transitionEdge(version: 1, to: .rejected, reason: nil, at: time, signer: signer)
    }
    #expect(throws: RegistryError.unknownEdgeVersion(9, known: [1])) {
      try registry.transitionEdge(version: 9, to: .current, reason: nil, at: time, signer: signer)
    }
  }

  @Test("every transition is in the history")
  func history() throws {
    var registry = RegistrySnapshot()
    try registry.registerEdge(Self.model(1))
    try registry.transitionEdge(version: 1, to: .current, reason: "first", at: time, signer: signer)
    #expect(registry.events.map(\.to) == [.candidate, .current])
    #expect(registry.events.last?.reason == "first")
  }
}
