import Testing

@testable import Learning

@Suite struct FlatBufferBuilderTests {
  /// A table with one field of each width, finished as the root.
  private func mixedTable(sharesVTables: Bool = true) -> [UInt8] {
    var builder = FlatBufferBuilder(capacity: 8, sharesVTables: sharesVTables)
    builder.startTable()
    builder.add(UInt8(7), slot: 0, default: 0)
    builder.add(Int64(-5), slot: 1, default: 0)
    builder.add(UInt16(0xBEEF), slot: 2, default: 0)
    builder.add(Int32(-123_456), slot: 3, default: 0)
    builder.add(Float(1.5), slot: 4, default: 0)
    let root = builder.endTable()
    return builder.finish(root: root, fileIdentifier: "TEST")
  }

  @Test func scalarFieldsReadBackAtPositionsAlignedToTheirSize() throws {
    let buffer = TestFlatBuffer(bytes: mixedTable())
    let root = buffer.root
    #expect(root.position % 4 == 0)
    let fields = try (0..<5).map { try #require(root.field($0)) }
    #expect(buffer.u8(fields[0]) == 7)
    #expect(Int64(bitPattern: buffer.u64(fields[1])) == -5)
    #expect(buffer.u16(fields[2]) == 0xBEEF)
    #expect(Int32(bitPattern: buffer.u32(fields[3])) == -123_456)
    #expect(Float(bitPattern: buffer.u32(fields[4])) == 1.5)
    #expect(fields[1] % 8 == 0 && fields[2] % 2 == 0 && fields[3] % 4 == 0 && fields[4] % 4 == 0)
    #expect(buffer.bytes.count % 8 == 0, "the buffer size is a multiple of the largest alignment used")
  }

  @Test func fileIdentifierFollowsTheRootOffset() {
    #expect(Array(mixedTable()[4..<8]) == Array("TEST".utf8))
  }

  @Test func fieldsEqualToTheirDefaultAreLeftOutOfTheVTable() {
    var builder = FlatBufferBuilder()
    builder.startTable()
    builder.add(Int32(1), slot: 0, default: 1)
    builder.add(Int32(2), slot: 1, default: 1)
    let root = builder.endTable()
    let buffer = TestFlatBuffer(bytes: builder.finish(root: root, fileIdentifier: "TEST"))
    #expect(buffer.root.field(0) == nil)
    #expect(buffer.root.field(1).map { buffer.u32($0) } == 2)
    #expect(buffer.u16(buffer.root.vtable) == 8, "vtable: its size, the table size, and two slots")
  }

  @Test func vectorsStringsAndNestedTablesReadBack() throws {
    var builder = FlatBufferBuilder(capacity: 4)
    let numbers = builder.createVector([Int64(1), -2, 3])
    let name = builder.createString("héllo")
    builder.startTable()
    builder.add(Int32(42), slot: 0, default: 0)
    let child = builder.endTable()
    let children = builder.createVector([child, child])
    builder.startTable()
    builder.add(numbers, slot: 0)
    builder.add(name, slot: 1)
    builder.add(children, slot: 2)
    let root = builder.endTable()
    let buffer = TestFlatBuffer(bytes: builder.finish(root: root, fileIdentifier: "TEST"))
    #expect(buffer.root.int64s(0) == [1, -2, 3])
    #expect(try #require(buffer.root.vector(0)).data % 8 == 0)
    #expect(buffer.root.string(1) == "héllo")
    let stringEnd = try #require(buffer.root.vector(1)).data + Array("héllo".utf8).count
    #expect(buffer.u8(stringEnd) == 0, "strings are NUL-terminated")
    let tables = buffer.root.tables(2)
    #expect(tables.count == 2 && tables.allSatisfy { $0.field(0).map(buffer.u32) == 42 })
  }

  @Test func forceAlignedVectorDataStartsOnA16ByteBoundary() throws {
    for count in [1, 3, 16, 17] {
      var builder = FlatBufferBuilder(capacity: 8)
      let tail = builder.createString("x")
      let data = builder.createVector([UInt8](repeating: 0xAB, count: count), alignment: 16)
      builder.startTable()
      builder.add(data, slot: 0)
      builder.add(tail, slot: 1)
      let root = builder.endTable()
      let buffer = TestFlatBuffer(bytes: builder.finish(root: root, fileIdentifier: "TEST"))
      let vector = try #require(buffer.root.vector(0))
      #expect(vector.count == count && vector.data % 16 == 0 && buffer.bytes.count % 16 == 0)
      #expect(buffer.root.bytes(0) == [UInt8](repeating: 0xAB, count: count))
    }
  }

  @Test func tablesWithTheSameLayoutShareOneVTable() {
    func twoTables(sharing: Bool) -> (bytes: [UInt8], sameVTable: Bool) {
      var builder = FlatBufferBuilder(sharesVTables: sharing)
      let tables = (1...2).map { value in
        builder.startTable()
        builder.add(Int32(value), slot: 0, default: 0)
        return builder.endTable()
      }
      let list = builder.createVector(tables)
      builder.startTable()
      builder.add(list, slot: 0)
      let root = builder.endTable()
      let buffer = TestFlatBuffer(bytes: builder.finish(root: root, fileIdentifier: "TEST"))
      let read = buffer.root.tables(0)
      #expect(read.map { $0.field(0).map(buffer.u32) } == [1, 2])
      return (buffer.bytes, read[0].vtable == read[1].vtable)
    }
    let shared = twoTables(sharing: true)
    let separate = twoTables(sharing: false)
    #expect(shared.sameVTable && !separate.sameVTable)
    #expect(shared.bytes.count < separate.bytes.count)
  }
}
