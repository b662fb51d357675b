/// A set of windows in one flat row-major array, with optional labels and ground truth.
public struct WindowSet: Equatable, Sendable {
  /// Values per window (row length).
  public var width: Int
  /// The window shape, when known (a CSV file only tells the width).
  public var format: WindowFormat?
  /// All windows, row after row.
  public var values: [Float]
  /// Per window: 0 normal, 1 anomaly; nil for an unlabelled set.
  public var labels: [UInt8]?
  /// Per window: the simulated fault, nil for a normal window; nil when unknown.
  public var faultModes: [FaultMode?]?
  /// Per window: the simulated fault severity (0 for normal); nil when unknown.
  public var severities: [Float]?

  /// A set of `values.count / width` windows; the optional per-window arrays must match that count.
  public init(
    width: Int, values: [Float], labels: [UInt8]? = nil, faultModes: [FaultMode?]? = nil,
    severities: [Float]? = nil, format: WindowFormat? = nil
  ) {
    precondition(
      width > 0 && values.count % width == 0, "\(values.count) values do not split into rows of \(width)")
    let count = values.count / width
    precondition(
      [labels?.count, faultModes?.count, severities?.count].allSatisfy { $0 == nil || $0 == count },
      "per-window arrays must hold one entry per window (\(count))")
    precondition(format == nil || format!.valuesPerWindow == width, "format and width disagree")
    self.width = width
    self.values = values
    self.labels = labels
    self.faultModes = faultModes
    self.severities = severities
    self.format = format
  }

  /// Number of windows.
  public var count: Int { values.count / width }

  /// The values of window `index`.
  public func row(_ index: Int) -> ArraySlice<Float> {
    values[(index * width)..<((index + 1) * width)]
  }
}
