import Testing

@testable import CloudServer

@Suite("Range header")
struct ByteRangeTests {
  @Test("single byte ranges resolve against the size")
  func ranges() {
    #expect(ByteRange(header: nil, size: 100) == .full)
    #expect(ByteRange(header: "bytes=0-9", size: 100) == .partial(0..<10))
    #expect(ByteRange(header: "bytes=90-", size: 100) == .partial(90..<100))
    #expect(ByteRange(header: "bytes=-10", size: 100) == .partial(90..<100))
    #expect(ByteRange(header: "bytes=-500", size: 100) == .partial(0..<100))
    #expect(ByteRange(header: "bytes=50-5000", size: 100) == .partial(50..<100))
  }

  @Test("ranges past the end are unsatisfiable")
  func unsatisfiable() {
    #expect(ByteRange(header: "bytes=100-", size: 100) == .unsatisfiable)
    #expect(ByteRange(header: "bytes=200-300", size: 100) == .unsatisfiable)
    #expect(ByteRange(header: "bytes=-0", size: 100) == .unsatisfiable)
  }

  @Test("other units, several ranges and malformed ranges are ignored")
  func ignored() {
    #expect(ByteRange(header: "items=0-1", size: 100) == .full)
    #expect(ByteRange(header: "bytes=0-1,5-6", size: 100) == .full)
    #expect(ByteRange(header: "bytes=9-1", size: 100) == .full)
    #expect(ByteRange(header: "bytes=a-b", size: 100) == .full)
  }
}
