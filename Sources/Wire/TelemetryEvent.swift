import Foundation

/// One device message of any MQTT topic: what telemetry sinks publish and the server's fleet state consumes,
/// whether it travelled through a broker or stayed in the process.
public enum TelemetryEvent: Sendable, Equatable {
  /// A local decision (`inference` topic).
  case inference(InferenceEvent)
  /// A cloud escalation outcome (`escalation` topic).
  case escalation(EscalationEvent)
  /// Device health (`status` topic, retained).
  case status(StatusEvent)
  /// A model update step (`ota` topic).
  case ota(OTAEvent)

  /// The device that sent it.
  public var deviceID: String {
    switch self {
    case .inference(let event): event.deviceID
    case .escalation(let event): event.deviceID
    case .status(let event): event.deviceID
    case .ota(let event): event.deviceID
    }
  }

  /// Its topic kind.
  public var kind: Topics.Kind {
    switch self {
    case .inference: .inference
    case .escalation: .escalation
    case .status: .status
    case .ota: .ota
    }
  }

  /// Its per-device message counter.
  public var seq: UInt64 {
    switch self {
    case .inference(let event): event.seq
    case .escalation(let event): event.seq
    case .status(let event): event.seq
    case .ota(let event): event.seq
    }
  }

  /// `edge-ai/device/{id}/{kind}`.
  public var topic: String { Topics.topic(kind, deviceID: deviceID) }

  /// Status is retained so a new subscriber learns every device's health at once; the rest is not.
  public var retained: Bool { kind == .status }

  /// The JSON payload of DESIGN.md.
  public func payload() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data: Data
    do {
      switch self {
      case .inference(let event): data = try encoder.encode(event)
      case .escalation(let event): data = try encoder.encode(event)
      case .status(let event): data = try encoder.encode(event)
      case .ota(let event): data = try encoder.encode(event)
      }
    } catch {
      preconditionFailure("telemetry events hold only finite numbers and strings: \(error)")
    }
    return Array(data)
  }

  /// Decodes a message received on `topic`; the topic decides the payload type and must name the same
  /// device as the payload.
  public init(topic: String, payload: [UInt8]) throws(TelemetryDecodingError) {
    guard let (deviceID, kind) = Topics.parse(topic) else { throw .unknownTopic(topic) }
    let decoder = JSONDecoder()
    let data = Data(payload)
    do {
      switch kind {
      case .inference: self = .inference(try decoder.decode(InferenceEvent.self, from: data))
      case .escalation: self = .escalation(try decoder.decode(EscalationEvent.self, from: data))
      case .status: self = .status(try decoder.decode(StatusEvent.self, from: data))
      case .ota: self = .ota(try decoder.decode(OTAEvent.self, from: data))
      }
    } catch {
      throw .malformedPayload(topic: topic, reason: (error as? DecodingError)?.wireMessage ?? "\(error)")
    }
    guard self.deviceID == deviceID else {
      throw .deviceMismatch(topic: topic, payloadDeviceID: self.deviceID)
    }
  }
}

/// Why a received MQTT message is not a device telemetry event.
public enum TelemetryDecodingError: Error, Equatable, CustomStringConvertible {
  /// The topic is not `edge-ai/device/{id}/inference|escalation|status|ota`.
  case unknownTopic(String)
  /// The payload is not the JSON that topic carries.
  case malformedPayload(topic: String, reason: String)
  /// The payload's `device_id` differs from the topic's.
  case deviceMismatch(topic: String, payloadDeviceID: String)

  public var description: String {
    switch self {
    case .unknownTopic(let topic):
      "topic \"\(topic)\" is not edge-ai/device/{id}/inference|escalation|status|ota; ignored"
    case .malformedPayload(let topic, let reason):
      "payload on \(topic) is not its DESIGN.md JSON: \(reason); fix the publisher"
    case .deviceMismatch(let topic, let payloadDeviceID):
      "payload on \(topic) names device \"\(payloadDeviceID)\"; the topic and device_id must agree"
    }
  }
}
