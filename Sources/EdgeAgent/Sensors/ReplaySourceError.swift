/// Why recorded values cannot be replayed.
public enum ReplaySourceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The values do not split into whole windows.
  case notWholeWindows(valueCount: Int, valuesPerWindow: Int)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .notWholeWindows(let count, let size):
      "\(count) recorded values are not a whole number of \(size)-value windows; check the file's layout"
    }
  }
}
