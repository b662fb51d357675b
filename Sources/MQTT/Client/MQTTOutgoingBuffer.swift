import NIOCore

/// A FIFO of bounded capacity that makes room by dropping its oldest element, counting the drops.
struct MQTTOutgoingBuffer<Element> {
  /// The most elements it holds.
  let capacity: Int
  /// How many elements were dropped to make room since creation.
  private(set) var droppedCount = 0
  private var elements: CircularBuffer<Element>

  /// An empty buffer holding at most `capacity` (at least 1) elements.
  init(capacity: Int) {
    self.capacity = max(1, capacity)
    self.elements = CircularBuffer(initialCapacity: min(self.capacity, 1024))
  }

  var count: Int { elements.count }
  var isEmpty: Bool { elements.isEmpty }
  var first: Element? { elements.first }

  /// Appends `element`; when full, drops and returns the oldest element.
  mutating func append(_ element: Element) -> Element? {
    var evicted: Element?
    if elements.count == capacity {
      evicted = elements.removeFirst()
      droppedCount += 1
    }
    elements.append(element)
    return evicted
  }

  /// Removes and returns the oldest element.
  mutating func popFirst() -> Element? { elements.popFirst() }

  /// Empties the buffer, returning what it held, oldest first.
  mutating func removeAll() -> [Element] {
    defer { elements.removeAll(keepingCapacity: true) }
    return Array(elements)
  }
}
