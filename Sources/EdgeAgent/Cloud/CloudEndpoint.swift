/// Where the cloud tier is and how a device speaks to it: base URL, optional bearer token, per-request timeout.
public struct CloudEndpoint: Sendable, Equatable {
  /// `http://host:port` of the server, without a trailing slash.
  public var baseURL: String
  /// The device's bearer token; nil for a server started with `--allow-anonymous-devices`.
  public var token: String?
  /// The device this endpoint speaks for (sent as `device_id` where the route takes one).
  public var deviceID: String
  /// Longest wait for one request (the lesson: 5 s for `/classify`).
  public var timeout: Duration

  /// An endpoint; a trailing slash of `baseURL` is dropped.
  public init(baseURL: String, deviceID: String, token: String? = nil, timeout: Duration = .seconds(5)) {
    var base = baseURL
    while base.hasSuffix("/") { base.removeLast() }
    self.baseURL = base
    self.deviceID = deviceID
    self.token = token
    self.timeout = timeout
  }
}
