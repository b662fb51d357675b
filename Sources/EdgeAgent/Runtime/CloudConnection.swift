import AsyncHTTPClient

/// The device's way to the cloud: one shared HTTP client (one connection pool for escalations, uploads and
/// model downloads) and the endpoint it speaks to.
public struct CloudConnection: Sendable {
  /// The shared client.
  public let client: HTTPClient
  /// The server and credentials.
  public let endpoint: CloudEndpoint

  /// A connection over `client` to `endpoint`.
  public init(client: HTTPClient, endpoint: CloudEndpoint) {
    self.client = client
    self.endpoint = endpoint
  }

  /// `POST /classify` over this connection.
  public var cloud: CloudClient { CloudClient(client: client, endpoint: endpoint) }

  /// The `/model/*` routes over this connection.
  public var models: HTTPModelSource { HTTPModelSource(client: client, endpoint: endpoint) }
}
