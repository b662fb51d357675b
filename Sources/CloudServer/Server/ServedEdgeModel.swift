import Foundation
import Hummingbird
import Wire

/// An edge model ready to serve: its record, bytes and pre-encoded answers.
struct ServedEdgeModel: Sendable {
  let record: EdgeModelRecord
  let bytes: ByteBuffer
  let versionJSON: ByteBuffer
  let thresholdsJSON: ByteBuffer
  let manifestJSON: ByteBuffer?
  let manifestSerial: Int?

  init(record: EdgeModelRecord, bytes: Data, manifest: ManifestRecord?) throws {
    self.record = record
    self.bytes = ByteBuffer(bytes: bytes)
    versionJSON = ByteBuffer(bytes: try JSONEncoder().encode(record.versionResponse))
    thresholdsJSON = ByteBuffer(bytes: try JSONEncoder().encode(record.thresholds))
    manifestSerial = manifest?.serial
    manifestJSON = try manifest.map { ByteBuffer(bytes: try JSONEncoder().encode($0.envelope)) }
  }

  /// Strong entity tag: the quoted SHA-256 of the bytes.
  var entityTag: String { "\"\(record.sha256)\"" }
}
