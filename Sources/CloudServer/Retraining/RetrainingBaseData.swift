import Learning

/// What a retraining starts from besides escalations: the original normal training windows and, optionally,
/// a labelled validation set (raw windows, one a row).
public struct RetrainingBaseData: Sendable {
  /// The original normal training windows.
  public var normalWindows: Matrix
  /// Extra labelled validation windows (normal and anomalous), if any.
  public var validationWindows: Matrix?
  /// Labels of `validationWindows`: 0 normal, 1 anomaly.
  public var validationLabels: [Int]

  /// Base data; `validationLabels` must have one label per validation row.
  public init(normalWindows: Matrix, validationWindows: Matrix? = nil, validationLabels: [Int] = []) {
    precondition(
      (validationWindows?.rows ?? 0) == validationLabels.count,
      "\(validationWindows?.rows ?? 0) validation windows but \(validationLabels.count) labels")
    self.normalWindows = normalWindows
    self.validationWindows = validationWindows
    self.validationLabels = validationLabels
  }
}
