import Foundation

extension EdgeModelRecord {
  /// The escalation rate its retraining measured (`expected_escalation_rate` in its training statistics).
  public var expectedEscalationRate: Double? {
    guard let trainingStats,
      let object = try? JSONSerialization.jsonObject(with: Data(trainingStats.utf8)) as? [String: Any]
    else { return nil }
    return (object["expected_escalation_rate"] as? NSNumber)?.doubleValue
  }
}
