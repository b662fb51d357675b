/// Hands out packet identifiers 1...65535 in wrapping order, never one that is still in use.
struct MQTTPacketIDAllocator: Sendable {
  private var next: UInt16 = 1
  private var inUse: Set<UInt16> = []

  /// How many identifiers are in use.
  var count: Int { inUse.count }

  /// A free identifier, marked in use; nil when all 65535 are in use.
  mutating func allocate() -> UInt16? {
    guard inUse.count < Int(UInt16.max) else { return nil }
    while true {
      let candidate = next
      next = next == UInt16.max ? 1 : next + 1
      if inUse.insert(candidate).inserted { return candidate }
    }
  }

  /// Returns `id` to the pool (acknowledged).
  mutating func release(_ id: UInt16) {
    inUse.remove(id)
  }

  /// Frees every identifier (the session is discarded).
  mutating func releaseAll() {
    inUse.removeAll()
  }
}
