/// Where updates come from (the server's `/model/*` routes in service, memory in tests).
public protocol ModelSource: Sendable {
  /// The server's current edge model version (`GET /model/version`).
  func fetchVersion() async throws(ModelSourceError) -> Int
  /// The current signed manifest (`GET /model/manifest`).
  func fetchManifest() async throws(ModelSourceError) -> SignedManifestEnvelope
  /// Bytes `range` of model `version` (`GET /model/download?version=N` with a `Range` header). May return
  /// fewer bytes than asked when the transfer is cut; the caller asks again from where it stopped.
  func download(version: Int, range: Range<Int>) async throws(ModelSourceError) -> [UInt8]
}
