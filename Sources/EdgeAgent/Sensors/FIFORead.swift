/// What one FIFO drain produced.
public enum FIFORead: Equatable, Sendable {
  /// This many whole samples were appended.
  case samples(Int)
  /// The FIFO overflowed and was restarted: samples were lost.
  case overflowed
}
