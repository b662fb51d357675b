import Foundation

/// Numbers in one-line reports.
enum Formatting {
  /// `value` with `digits` significant digits (MSEs span orders of magnitude).
  static func significant(_ value: Double, digits: Int = 4) -> String {
    String(format: "%.\(digits)g", value)
  }
}
