import Testing

@testable import MQTT

@Suite("Outgoing buffer")
struct MQTTOutgoingBufferTests {
  @Test("a full buffer drops its oldest element, counts it, and keeps FIFO order")
  func dropsOldestWhenFull() {
    var buffer = MQTTOutgoingBuffer<Int>(capacity: 3)
    var evicted: [Int] = []
    for value in 1...7 {
      if let dropped = buffer.append(value) { evicted.append(dropped) }
    }
    #expect(evicted == [1, 2, 3, 4])
    #expect(buffer.droppedCount == 4)
    #expect(buffer.count == 3)
    #expect(buffer.popFirst() == 5)
    #expect(buffer.removeAll() == [6, 7])
    #expect(buffer.isEmpty)
    #expect(buffer.droppedCount == 4, "emptying is not dropping")
  }

  @Test("a capacity below 1 is raised to 1, so the newest element is always kept")
  func minimumCapacity() {
    var buffer = MQTTOutgoingBuffer<Int>(capacity: 0)
    #expect(buffer.append(1) == nil)
    #expect(buffer.append(2) == 1)
    #expect(buffer.first == 2)
  }
}
