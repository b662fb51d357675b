/// Why a metric could not be computed from the given inputs.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Two per-window arrays differ in length.
  case lengthMismatch(what: String, expected: Int, actual: Int)
  /// A ranking metric needs at least one normal and one anomalous window.
  case needsBothClasses(positives: Int, negatives: Int)
  /// A score is NaN (infinite scores rank fine).
  case nanScore(index: Int)
  /// A confidence lies outside [0, 1].
  case confidenceOutOfRange(index: Int, value: Double)
  /// A reliability table needs at least one bin.
  case invalidBinCount(Int)

  /// What went wrong and what to do.
  public var description: String {
    switch self {
    case .lengthMismatch(let what, let expected, let actual):
      "\(what) has \(actual) entries but there are \(expected) windows: pass one per window"
    case .needsBothClasses(let positives, let negatives):
      "ranking metrics need both classes, got \(positives) anomalous and \(negatives) normal windows:"
        + " use a labelled test set with both"
    case .nanScore(let index):
      "score at index \(index) is NaN: check the model output for that window"
    case .confidenceOutOfRange(let index, let value):
      "confidence at index \(index) is \(value), outside [0, 1]"
    case .invalidBinCount(let count):
      "a reliability table needs at least one bin, got \(count)"
    }
  }

  /// Throws `lengthMismatch` unless `count` equals the number of windows.
  static func checkLength(_ what: String, _ count: Int, windows: Int) throws(MetricsError) {
    guard count == windows else { throw .lengthMismatch(what: what, expected: windows, actual: count) }
  }
}
