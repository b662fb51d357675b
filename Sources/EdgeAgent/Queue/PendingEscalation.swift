import EdgeCore
import Foundation

/// An ambiguous window the device decided by fallback while the cloud was unreachable, kept so the cloud
/// still sees it (for its log and for retraining) once it is back.
public struct PendingEscalation: Equatable, Sendable {
  /// Unique id sent as `escalation_id`, so a retried upload is stored once.
  public var id: UUID
  /// When the window was decided (stored to the millisecond).
  public var timestamp: Date
  /// The edge model's MSE.
  public var edgeMSE: Float
  /// The edge model version that decided.
  public var modelVersion: Int
  /// The decision the device took by fallback (the closer threshold).
  public var fallbackDecision: Decision
  /// The window's values as `POST /classify` sends them.
  public var features: [Float]

  /// An escalation record.
  public init(
    id: UUID = UUID(), timestamp: Date, edgeMSE: Float, modelVersion: Int, fallbackDecision: Decision,
    features: [Float]
  ) {
    self.id = id
    self.timestamp = timestamp
    self.edgeMSE = edgeMSE
    self.modelVersion = modelVersion
    self.fallbackDecision = fallbackDecision
    self.features = features
  }
}

extension PendingEscalation {
  /// The record format version.
  static let formatVersion: UInt8 = 1

  /// Binary form: version (u8), id (16 bytes), milliseconds since 1970 (u64 LE, two's complement), edge MSE
  /// (f32), model version (u32), fallback decision (u8), feature count (u32), features (f32 each).
  func encoded() -> [UInt8] {
    var writer = ByteWriter()
    writer.u8(PendingEscalation.formatVersion)
    let uuid = id.uuid
    writer.append([
      uuid.0, uuid.1, uuid.2, uuid.3, uuid.4, uuid.5, uuid.6, uuid.7, uuid.8, uuid.9, uuid.10, uuid.11,
      uuid.12,
      uuid.13, uuid.14, uuid.15,
    ])
    writer.u64(UInt64(bitPattern: Int64((timestamp.timeIntervalSince1970 * 1000).rounded())))
    writer.f32(edgeMSE)
    writer.u32(UInt32(truncatingIfNeeded: modelVersion))
    writer.u8(fallbackDecision.rawValue)
    writer.u32(UInt32(features.count))
    for value in features { writer.f32(value) }
    return writer.bytes
  }

  /// Reads the binary form; nil when the bytes are not one.
  init?(encoded bytes: [UInt8]) {
    var reader = ByteReader(bytes)
    guard reader.u8() == PendingEscalation.formatVersion, let raw = reader.take(16),
      let milliseconds = reader.u64(), let mse = reader.f32(), let version = reader.u32(),
      let decision = reader.u8().flatMap(Decision.init(rawValue:)), let count = reader.u32()
    else { return nil }
    var features: [Float] = []
    features.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let value = reader.f32() else { return nil }
      features.append(value)
    }
    guard reader.isAtEnd else { return nil }
    let uuid = UUID(
      uuid: (
        raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11],
        raw[12],
        raw[13], raw[14], raw[15]
      ))
    self.init(
      id: uuid, timestamp: Date(timeIntervalSince1970: Double(Int64(bitPattern: milliseconds)) / 1000),
      edgeMSE: mse, modelVersion: Int(version), fallbackDecision: decision, features: features)
  }
}
