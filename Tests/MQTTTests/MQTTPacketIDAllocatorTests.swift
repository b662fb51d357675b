import Testing

@testable import MQTT

@Suite("Packet identifiers")
struct MQTTPacketIDAllocatorTests {
  @Test("identifiers run 1...65535, wrap to 1, and skip ones still in use")
  func wrapsAndSkipsInUse() {
    var allocator = MQTTPacketIDAllocator()
    #expect(allocator.allocate() == 1)
    #expect(allocator.allocate() == 2)
    for _ in 3...65535 { _ = allocator.allocate() }
    #expect(allocator.count == 65535)
    #expect(allocator.allocate() == nil, "all identifiers are in flight")
    allocator.release(2)
    allocator.release(40_000)
    #expect(allocator.allocate() == 2, "wraps past 65535 to the first free identifier; 0 is never used")
    #expect(allocator.allocate() == 40_000)
    #expect(allocator.allocate() == nil)
  }

  @Test("releasing all identifiers makes every one available again")
  func releaseAll() {
    var allocator = MQTTPacketIDAllocator()
    for _ in 0..<10 { _ = allocator.allocate() }
    allocator.releaseAll()
    #expect(allocator.count == 0)
    #expect(allocator.allocate() == 11, "the sequence continues instead of reusing recent identifiers")
  }
}
