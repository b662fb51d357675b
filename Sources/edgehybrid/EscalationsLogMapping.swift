import CloudServer
import Foundation
import Vibration
import Wire

extension Vibration.EscalationRecord {
  /// The lesson's log line for a stored escalation.
  init(_ stored: StoredEscalation) {
    self.init(
      timestamp: .iso8601(stored.receivedAt.iso8601), deviceID: stored.deviceID, features: stored.features,
      edgeMSE: Float(stored.edgeMSE), cloudClassification: UInt8(stored.classification),
      cloudConfidence: Float(stored.confidence), cloudMSE: Float(stored.cloudMSE),
      modelVersion: stored.edgeModelVersion, escalationID: stored.escalationID,
      operatorLabel: stored.operatorLabel.map(UInt8.init))
  }
}

extension StoredEscalation {
  /// A store record for a log line; a line without `cloud_mse` is scored by `classifier` (nil without one).
  init?(_ line: Vibration.EscalationRecord, classifier: CloudClassifier?, now: WireTimestamp) {
    let cloudMSE: Double
    let cloudModel: String
    if let mse = line.cloudMSE {
      cloudMSE = Double(mse)
      cloudModel = "imported"
    } else if let classifier, classifier.inputCount == line.features.count {
      cloudMSE = classifier.classify(line.features).cloudMSE
      cloudModel = classifier.card.modelID
    } else {
      return nil
    }
    self.init(
      deviceID: line.deviceID, escalationID: line.escalationID,
      receivedAt: line.timestamp.date.map { WireTimestamp($0) } ?? now, features: line.features,
      edgeMSE: Double(line.edgeMSE), edgeModelVersion: line.modelVersion, cloudMSE: cloudMSE,
      classification: Int(line.cloudClassification), confidence: Double(line.cloudConfidence),
      cloudModel: cloudModel,
      operatorLabel: line.operatorLabel.map(Int.init))
  }
}
