import Wire

/// Body of admin state changes: why (kept in the registry history).
public struct ReasonRequest: Codable, Sendable {
  /// Free text.
  public var reason: String?

  /// A reason.
  public init(reason: String?) { self.reason = reason }
}

/// Body of `POST /admin/devices`.
public struct AddDeviceRequest: Codable, Sendable {
  /// The new device's id.
  public var deviceID: String

  /// A registration request.
  public init(deviceID: String) { self.deviceID = deviceID }

  enum CodingKeys: String, CodingKey { case deviceID = "device_id" }
}

/// Answer of `POST /admin/devices`: the token, shown this once.
public struct AddDeviceResponse: Codable, Sendable {
  /// The device id.
  public var deviceID: String
  /// Its bearer token; the server keeps only a hash.
  public var token: String

  /// A registration result.
  public init(deviceID: String, token: String) {
    self.deviceID = deviceID
    self.token = token
  }

  enum CodingKeys: String, CodingKey {
    case deviceID = "device_id"
    case token
  }
}

/// Body of `POST /escalations/{id}/label`: an operator's verdict, `"normal"`/`"anomaly"` or 0/1 (null clears it).
public struct LabelRequest: Codable, Sendable {
  /// 0 normal, 1 anomaly, nil to clear.
  public var label: Int?

  /// A label.
  public init(label: Int?) { self.label = label }

  /// Reads `"normal"`, `"anomaly"`, 0, 1 or null.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let name = try? container.decodeIfPresent(String.self, forKey: .label) {
      switch name {
      case "normal": label = 0
      case "anomaly": label = 1
      default:
        throw DecodingError.dataCorruptedError(
          forKey: .label, in: container,
          debugDescription: "label must be \"normal\" or \"anomaly\", got \"\(name)\"")
      }
    } else {
      label = try container.decodeIfPresent(Int.self, forKey: .label)
    }
  }

  enum CodingKeys: String, CodingKey { case label }
}

/// One device in `GET /admin/devices`.
public struct DeviceInfo: Codable, Sendable, Equatable {
  /// The device id.
  public var deviceID: String
  /// When registered.
  public var created: WireTimestamp
  /// When revoked, if it was.
  public var revokedAt: WireTimestamp?

  /// A device listing entry.
  public init(_ record: DeviceRecord) {
    deviceID = record.deviceID
    created = record.created
    revokedAt = record.revokedAt
  }

  enum CodingKeys: String, CodingKey {
    case deviceID = "device_id"
    case created
    case revokedAt = "revoked_at"
  }
}

/// Answer of `GET /admin/models`.
public struct ModelsListing: Codable, Sendable, Equatable {
  /// Edge models, oldest first.
  public var edge: [EdgeModelRecord]
  /// Cloud models, oldest first.
  public var cloud: [CloudModelRecord]
  /// Fraction of devices in the canary cohort.
  public var canaryFraction: Double
  /// History, oldest first.
  public var events: [RegistryEvent]

  /// The listing of a snapshot.
  public init(_ snapshot: RegistrySnapshot) {
    edge = snapshot.edgeModels
    cloud = snapshot.cloudModels
    canaryFraction = snapshot.canaryFraction
    events = snapshot.events
  }

  enum CodingKeys: String, CodingKey {
    case edge, cloud, events
    case canaryFraction = "canary_fraction"
  }
}
