import Synchronization

/// The model the inference loop runs, exchanged between two windows: the updater `replace`s it, the loop asks
/// `ifChanged(since:)` once per window (a lock and an integer compare) and swaps its own copy only when a new
/// model arrived, so no window is dropped or run half on each model.
public final class LiveModel<Model: Sendable>: Sendable {
  /// A model with its version and the generation that put it in place.
  public struct Entry: Sendable {
    /// The model.
    public let model: Model
    /// Its version.
    public let version: Int
    /// Increases with every replacement.
    public let generation: UInt64
  }

  private let current: Mutex<Entry>

  /// Starts with `model` as generation 0.
  public init(_ model: Model, version: Int) {
    current = Mutex(Entry(model: model, version: version, generation: 0))
  }

  /// The model in place now.
  public var entry: Entry { current.withLock { $0 } }

  /// The model in place, if it is newer than `generation`.
  public func ifChanged(since generation: UInt64) -> Entry? {
    current.withLock { $0.generation != generation ? $0 : nil }
  }

  /// Puts `model` in place for the next window.
  public func replace(with model: Model, version: Int) {
    current.withLock { $0 = Entry(model: model, version: version, generation: $0.generation + 1) }
  }
}
