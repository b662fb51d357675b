import EdgeCore

/// Replays recorded windows (a CSV or NPY dataset the caller loaded, flattened) in order, once or forever.
public struct ReplaySource: SensorSource, Sendable {
  /// The shape of each window.
  public let layout: SignalLayout
  /// Every window, back to back.
  public let values: [Float]
  /// Start again at the first window after the last one.
  public let loops: Bool
  /// Index of the next window.
  public private(set) var position = 0

  /// A replay of `values`, which must hold a whole number (≥ 1) of `layout` windows.
  public init(values: [Float], layout: SignalLayout, loops: Bool = false) throws(ReplaySourceError) {
    guard layout.valuesPerWindow > 0, !values.isEmpty, values.count % layout.valuesPerWindow == 0 else {
      throw .notWholeWindows(valueCount: values.count, valuesPerWindow: layout.valuesPerWindow)
    }
    self.values = values
    self.layout = layout
    self.loops = loops
  }

  /// Windows in the recording.
  public var windowCount: Int { values.count / layout.valuesPerWindow }

  /// Copies the next recorded window into `window`.
  public mutating func nextWindow(into window: inout [Float]) async throws(Never) -> Bool {
    if position == windowCount {
      guard loops else { return false }
      position = 0
    }
    let size = layout.valuesPerWindow
    let start = position * size
    window.withUnsafeMutableBufferPointer { destination in
      values.withUnsafeBufferPointer { source in
        for i in 0..<size { destination[i] = source[start + i] }
      }
    }
    position += 1
    return true
  }
}
