import Crypto
import Foundation
import Hummingbird

/// Decides who a request comes from and what it may do.
///
/// Device routes accept a device token, the admin token, or — only with `allowAnonymous` — no
/// token at all; a registered device must always present its own token. Admin routes accept only
/// the admin token. A present but wrong token is always refused.
struct Authenticator: Sendable {
  let devices: DeviceDirectory
  let adminTokenDigest: SHA256Digest
  let allowAnonymous: Bool

  /// The caller of a device route.
  func deviceCaller(_ request: Request) throws(APIError) -> Caller {
    try deviceCaller(request.headers)
  }

  /// The caller of a device route, from the request's header fields.
  func deviceCaller(_ headers: HTTPFields) throws(APIError) -> Caller {
    guard let token = try bearerToken(headers) else {
      guard allowAnonymous else {
        throw APIError(
          .unauthorized,
          "missing bearer token: send 'Authorization: Bearer <token>' with the device token from"
            + " 'edgehybrid devices add <id>', or start the server with --allow-anonymous-devices",
          headers: [.wwwAuthenticate: "Bearer"])
      }
      return .anonymous
    }
    if isAdmin(token) { return .admin }
    guard let device = devices.device(forToken: token) else {
      throw APIError(.unauthorized, "unknown or revoked token", headers: [.wwwAuthenticate: "Bearer"])
    }
    return .device(device)
  }

  /// Checks that `caller` may speak for `deviceID` (the id in a request body).
  func authorize(_ caller: Caller, as deviceID: String) throws(APIError) {
    switch caller {
    case .device(let tokenDevice):
      guard tokenDevice == deviceID else {
        throw APIError(
          .forbidden, "the token belongs to device \(tokenDevice), but the body says device_id \(deviceID)")
      }
    case .admin:
      guard allowAnonymous || devices.isRegistered(deviceID) else {
        throw APIError(
          .forbidden, "unknown device \(deviceID): register it with 'edgehybrid devices add \(deviceID)'")
      }
    case .anonymous:
      guard !devices.isRegistered(deviceID) else {
        throw APIError(
          .unauthorized, "device \(deviceID) is registered and must send its bearer token",
          headers: [.wwwAuthenticate: "Bearer"])
      }
    }
  }

  /// Refuses anything but the admin token.
  func requireAdmin(_ request: Request) throws(APIError) {
    guard let token = try bearerToken(request.headers) else {
      throw APIError(
        .unauthorized, "admin route: send 'Authorization: Bearer <admin token>' (see <data dir>/admin-token)",
        headers: [.wwwAuthenticate: "Bearer"])
    }
    guard isAdmin(token) else { throw APIError(.forbidden, "admin route: the token is not the admin token") }
  }

  private func isAdmin(_ token: String) -> Bool {
    // Compare digests, not strings, so the time taken does not reveal a prefix of the admin token.
    SHA256.hash(data: Data(token.utf8)) == adminTokenDigest
  }

  private func bearerToken(_ headers: HTTPFields) throws(APIError) -> String? {
    guard let header = headers[.authorization] else { return nil }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
      throw APIError(
        .unauthorized, "Authorization header must be 'Bearer <token>'", headers: [.wwwAuthenticate: "Bearer"])
    }
    return String(parts[1]).trimmingCharacters(in: .whitespaces)
  }
}
