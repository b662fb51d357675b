import Synchronization

/// The true label of every window a simulated machine produced, by window index, so decisions that finish out
/// of order (escalations) are still scored against the right window.
public final class GroundTruth: Sendable {
  private let labels = Mutex<[Bool]>([])

  /// An empty record.
  public init() {}

  /// Records the next window's label (true: anomalous).
  func append(_ anomalous: Bool) {
    labels.withLock { $0.append(anomalous) }
  }

  /// Whether window `index` was anomalous; nil for a window not produced.
  public func isAnomalous(_ index: UInt64) -> Bool? {
    labels.withLock { Int(index) < $0.count ? $0[Int(index)] : nil }
  }
}
