import EdgeCore

extension SplitMix64 {
  /// A uniform `Float` in `[0, 1)` built from the top 24 bits, identical on every platform.
  mutating func nextUnitFloat() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// A uniform integer in `0..<bound` (multiply-high reduction).
  mutating func nextIndex(below bound: Int) -> Int {
    Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// A Fisher–Yates permutation of `0..<count`.
  mutating func permutation(of count: Int) -> [Int] {
    var order = Array(0..<count)
    var i = count - 1
    while i > 0 {
      order.swapAt(i, nextIndex(below: i + 1))
      i -= 1
    }
    return order
  }
}
