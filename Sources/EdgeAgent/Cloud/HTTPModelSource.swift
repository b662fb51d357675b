import AsyncHTTPClient
import Foundation
import Wire

/// The server's `/model/*` routes as the OTA updater's `ModelSource`, plus the thresholds and the public key.
public struct HTTPModelSource: ModelSource {
  let http: CloudHTTP

  /// A source for `endpoint` on the device's shared `client`.
  public init(client: HTTPClient, endpoint: CloudEndpoint) {
    http = CloudHTTP(client: client, endpoint: endpoint)
  }

  /// `?device_id=…` so an anonymous device still gets its canary assignment.
  private var deviceQuery: String {
    "device_id=" + (http.endpoint.deviceID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
  }

  /// `GET /model/version`.
  public func fetchVersion() async throws(ModelSourceError) -> Int {
    try await Self.mapped { () async throws(CloudError) in
      try await http.get("/model/version?\(deviceQuery)", as: ModelVersionResponse.self).version
    }
  }

  /// `GET /model/manifest`, its base64 parts decoded (the signature is checked by `ManifestVerifier`).
  public func fetchManifest() async throws(ModelSourceError) -> SignedManifestEnvelope {
    let signed = try await Self.mapped { () async throws(CloudError) in
      try await http.get("/model/manifest?\(deviceQuery)", as: SignedManifest.self)
    }
    guard let payload = signed.payloadBytes, let signature = signed.signatureBytes else {
      throw .malformedAnswer("manifest payload or signature is not base64")
    }
    return SignedManifestEnvelope(payload: Array(payload), signature: Array(signature))
  }

  /// `GET /model/download?version=N` with `Range: bytes=a-b`; a server that ignores the range (200) is sliced.
  public func download(version: Int, range: Range<Int>) async throws(ModelSourceError) -> [UInt8] {
    guard !range.isEmpty else { return [] }
    let answer = try await Self.mapped { () async throws(CloudError) in
      try await http.exchange(
        .GET, "/model/download?version=\(version)&\(deviceQuery)",
        headers: [("Range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")])
    }
    switch answer.status {
    case 206: return answer.body
    case 200:
      guard answer.body.count > range.lowerBound else { return [] }
      return Array(answer.body[range.lowerBound..<min(range.upperBound, answer.body.count)])
    default: throw .status(answer.status, "expected 200 or 206 for a model download")
    }
  }

  /// `GET /model/thresholds`: the zone limits (with μ and σ of the training MSE) of the served model.
  public func fetchThresholds() async throws(ModelSourceError) -> ThresholdsResponse {
    try await Self.mapped { () async throws(CloudError) in
      try await http.get("/model/thresholds?\(deviceQuery)", as: ThresholdsResponse.self)
    }
  }

  /// `GET /model/public-key`: the raw 32-byte Ed25519 key to pin (fetched once, trust on first use).
  public func fetchPublicKey() async throws(ModelSourceError) -> [UInt8] {
    let key = try await Self.mapped { () async throws(CloudError) in
      try await http.get("/model/public-key", as: PublicKeyResponse.self)
    }
    guard let raw = Data(base64Encoded: key.publicKey) else {
      throw .malformedAnswer("public_key is not base64")
    }
    return Array(raw)
  }

  private static func mapped<T>(_ body: () async throws(CloudError) -> T) async throws(ModelSourceError) -> T
  {
    do {
      return try await body()
    } catch {
      switch error {
      case .unreachable(let detail): throw .unreachable(detail)
      case .timeout: throw .unreachable("no answer in time")
      case .refused(let status, let message), .serverError(let status, let message):
        throw .status(status, message)
      case .malformedAnswer(let detail): throw .malformedAnswer(detail)
      }
    }
  }
}
