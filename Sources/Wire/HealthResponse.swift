/// `GET /healthz` answer: the server is up, and which models it serves.
public struct HealthResponse: Codable, Sendable, Equatable {
  /// `"ok"` while the server accepts requests.
  public var status: String
  /// Current edge model version, when one is registered.
  public var modelVersion: Int?
  /// Cloud model id answering `/classify`.
  public var cloudModel: String
  /// Seconds since the server started.
  public var uptimeS: Double

  /// A health report.
  public init(status: String, modelVersion: Int?, cloudModel: String, uptimeS: Double) {
    self.status = status
    self.modelVersion = modelVersion
    self.cloudModel = cloudModel
    self.uptimeS = uptimeS
  }

  enum CodingKeys: String, CodingKey {
    case status
    case modelVersion = "model_version"
    case cloudModel = "cloud_model"
    case uptimeS = "uptime_s"
  }
}
