import AsyncHTTPClient
import EdgeAgent
import Fleet
import Foundation
import Testing
import Wire

@Suite(.timeLimit(.minutes(1))) struct CloudClientTests {
  let client = HTTPClient.shared

  private func request(features: [Float], id: String) -> ClassifyRequest {
    ClassifyRequest(
      deviceID: "client-1", features: features, edgeMSE: 0.09, modelVersion: 1, escalationID: id)
  }

  @Test func classifyAnswersAndARetriedEscalationIsStoredOnce() async throws {
    let cloud = try await TestCloud.start()
    let classifier = CloudClient(
      client: client, endpoint: CloudEndpoint(baseURL: cloud.url, deviceID: "client-1"))
    let window = Array(TestWindows.mixed(count: 1))
    let first = try await classifier.classify(request(features: window, id: "esc-1"))
    let retry = try await classifier.classify(request(features: window, id: "esc-1"))
    #expect([0, 1].contains(first.classification) && first.classification == retry.classification)
    #expect(try await cloud.storedEscalations() == 1)
    await cloud.remove()
  }

  @Test func errorsSayWhetherARetryCanSucceed() async throws {
    let cloud = try await TestCloud.start()
    let endpoint = CloudEndpoint(baseURL: cloud.url, deviceID: "client-1", timeout: .seconds(1))
    let wrongLength = await #expect(throws: CloudError.self) {
      try await CloudClient(client: client, endpoint: endpoint).classify(
        request(features: [1, 2, 3], id: "short"))
    }
    #expect(wrongLength.map { if case .refused(400, _) = $0 { true } else { false } } == true)
    #expect(wrongLength?.isPermanent == true)
    var badToken = endpoint
    badToken.token = "not-a-token"
    let unauthorized = await #expect(throws: CloudError.self) {
      try await CloudClient(client: client, endpoint: badToken).classify(
        request(features: TestWindows.mixed(count: 1), id: "token"))
    }
    #expect(unauthorized.map { if case .refused(401, _) = $0 { true } else { false } } == true)
    #expect(unauthorized?.isPermanent == false)
    #expect(try await cloud.storedEscalations() == 0, "refused requests store nothing")
    try await cloud.stop()
    let down = await #expect(throws: CloudError.self) {
      try await CloudClient(client: client, endpoint: endpoint).classify(
        request(features: TestWindows.mixed(count: 1), id: "down"))
    }
    let unreachableOrLate = down.map { error in
      if case .unreachable = error { return true }
      return error == .timeout
    }
    #expect(unreachableOrLate == true)
    await cloud.remove()
  }

  @Test func modelSourceServesVersionManifestThresholdsKeyAndByteRanges() async throws {
    let cloud = try await TestCloud.start()
    let source = HTTPModelSource(
      client: client, endpoint: CloudEndpoint(baseURL: cloud.url, deviceID: "client-1"))
    let model = TestFleetModels.shared.edge.tflite
    #expect(try await source.fetchVersion() == 1)
    let key = try await source.fetchPublicKey()
    let manifest = try ManifestVerifier(rawPublicKey: key).verify(try await source.fetchManifest())
    #expect(manifest.version == 1 && manifest.sizeBytes == model.count)
    #expect(
      try await source.fetchThresholds().lowThreshold == TestFleetModels.shared.edge.thresholds.lowThreshold)
    #expect(try await source.download(version: 1, range: 10..<50) == Array(model[10..<50]))
    #expect(
      try await source.download(version: 1, range: (model.count - 5)..<model.count) == Array(model.suffix(5)))
    await #expect(throws: ModelSourceError.self) { try await source.download(version: 9, range: 0..<10) }
    await cloud.remove()
  }
}
