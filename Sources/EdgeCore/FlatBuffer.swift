/// Bounds-checked reads of little-endian flatbuffer data: every offset and length is checked
/// against the buffer, with overflow-checked arithmetic, before a byte is touched.
struct FlatBuffer {
  /// The whole flatbuffer.
  let bytes: [UInt8]

  /// Whether `count` bytes starting at `offset` lie inside the buffer.
  func contains(_ offset: Int, count: Int) -> Bool {
    guard offset >= 0, count >= 0 else { return false }
    let (end, overflow) = offset.addingReportingOverflow(count)
    return !overflow && end <= bytes.count
  }

  /// The little-endian unsigned integer of `size` bytes at `offset`.
  func unsigned(at offset: Int, size: Int, _ field: TFLiteField) throws(TFLiteError) -> UInt64 {
    guard contains(offset, count: size) else { throw .outOfBounds(field: field, offset: offset) }
    var value: UInt64 = 0
    for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
    return value
  }

  /// The `UInt32` at `offset`.
  func uint32(at offset: Int, _ field: TFLiteField) throws(TFLiteError) -> UInt32 {
    UInt32(truncatingIfNeeded: try unsigned(at: offset, size: 4, field))
  }

  /// The `UInt32` at `offset` as an `Int`; on 32-bit targets a value above `Int.max` is out of bounds.
  func count(at offset: Int, _ field: TFLiteField) throws(TFLiteError) -> Int {
    guard let value = Int(exactly: try uint32(at: offset, field)) else {
      throw .outOfBounds(field: field, offset: offset)
    }
    return value
  }

  /// The position a `uoffset_t` stored at `offset` points to.
  func target(ofOffsetAt offset: Int, _ field: TFLiteField) throws(TFLiteError) -> Int {
    let (position, overflow) = offset.addingReportingOverflow(try count(at: offset, field))
    guard !overflow, contains(position, count: 0) else { throw .outOfBounds(field: field, offset: offset) }
    return position
  }

  /// The root table of the buffer.
  func root() throws(TFLiteError) -> FlatBufferTable {
    try table(at: try target(ofOffsetAt: 0, .model), .model)
  }

  /// The table at `position`, with its vtable checked.
  func table(at position: Int, _ field: TFLiteField) throws(TFLiteError) -> FlatBufferTable {
    let relative = Int(Int32(truncatingIfNeeded: try unsigned(at: position, size: 4, field)))
    let (vtable, overflow) = position.subtractingReportingOverflow(relative)
    guard !overflow, contains(vtable, count: 4) else { throw .badVTable(field: field, offset: position) }
    let vtableSize = Int(try unsigned(at: vtable, size: 2, field))
    let tableSize = Int(try unsigned(at: vtable + 2, size: 2, field))
    guard vtableSize >= 4, vtableSize % 2 == 0, contains(vtable, count: vtableSize), tableSize >= 4,
      contains(position, count: tableSize)
    else { throw .badVTable(field: field, offset: position) }
    return FlatBufferTable(
      buffer: self, position: position, vtable: vtable, vtableSize: vtableSize, tableSize: tableSize)
  }
}

/// One flatbuffer table whose vtable has been checked; fields are read by slot (0 = first field).
struct FlatBufferTable {
  /// The buffer the table lives in.
  let buffer: FlatBuffer
  /// Where the table starts.
  let position: Int
  /// Where its vtable starts.
  let vtable: Int
  /// The vtable's size in bytes.
  let vtableSize: Int
  /// The table's inline size in bytes.
  let tableSize: Int

  /// The position of field `slot`'s `size` bytes, or nil when the field is absent.
  func fieldPosition(_ slot: Int, size: Int, _ field: TFLiteField) throws(TFLiteError) -> Int? {
    let entry = 4 + 2 * slot
    guard entry + 2 <= vtableSize else { return nil }
    let offset = Int(try buffer.unsigned(at: vtable + entry, size: 2, field))
    guard offset != 0 else { return nil }
    guard offset >= 4, offset + size <= tableSize else {
      throw .outOfBounds(field: field, offset: vtable + entry)
    }
    return position + offset
  }

  /// The unsigned scalar of `size` bytes in `slot`, or `default` when absent.
  func unsigned(_ slot: Int, size: Int, default value: UInt64 = 0, _ field: TFLiteField) throws(TFLiteError)
    -> UInt64
  {
    guard let at = try fieldPosition(slot, size: size, field) else { return value }
    return try buffer.unsigned(at: at, size: size, field)
  }

  /// The `Int8` in `slot`.
  func int8(_ slot: Int, default value: Int8 = 0, _ field: TFLiteField) throws(TFLiteError) -> Int8 {
    Int8(truncatingIfNeeded: try unsigned(slot, size: 1, default: UInt64(UInt8(bitPattern: value)), field))
  }

  /// The `UInt8` in `slot`.
  func uint8(_ slot: Int, _ field: TFLiteField) throws(TFLiteError) -> UInt8 {
    UInt8(truncatingIfNeeded: try unsigned(slot, size: 1, field))
  }

  /// The `Int32` in `slot`.
  func int32(_ slot: Int, default value: Int32 = 0, _ field: TFLiteField) throws(TFLiteError) -> Int32 {
    Int32(truncatingIfNeeded: try unsigned(slot, size: 4, default: UInt64(UInt32(bitPattern: value)), field))
  }

  /// The `UInt32` in `slot`.
  func uint32(_ slot: Int, _ field: TFLiteField) throws(TFLiteError) -> UInt32 {
    UInt32(truncatingIfNeeded: try unsigned(slot, size: 4, field))
  }

  /// The `UInt64` in `slot`.
  func uint64(_ slot: Int, _ field: TFLiteField) throws(TFLiteError) -> UInt64 {
    try unsigned(slot, size: 8, field)
  }

  /// The table that `slot` refers to, or nil when absent.
  func table(_ slot: Int, _ field: TFLiteField) throws(TFLiteError) -> FlatBufferTable? {
    guard let at = try fieldPosition(slot, size: 4, field) else { return nil }
    return try buffer.table(at: try buffer.target(ofOffsetAt: at, field), field)
  }

  /// The vector that `slot` refers to, with elements of `elementSize` bytes, or nil when absent.
  func vector(_ slot: Int, elementSize: Int, _ field: TFLiteField) throws(TFLiteError) -> FlatBufferVector? {
    guard let at = try fieldPosition(slot, size: 4, field) else { return nil }
    let start = try buffer.target(ofOffsetAt: at, field)
    let count = try buffer.count(at: start, field)
    let (length, overflow) = count.multipliedReportingOverflow(by: elementSize)
    guard !overflow, buffer.contains(start + 4, count: length) else {
      throw .outOfBounds(field: field, offset: start)
    }
    return FlatBufferVector(
      buffer: buffer, start: start + 4, count: count, elementSize: elementSize, field: field)
  }

  /// The byte range of the string (or `[ubyte]` vector) that `slot` refers to, or nil when absent.
  func bytes(_ slot: Int, _ field: TFLiteField) throws(TFLiteError) -> Range<Int>? {
    guard let vector = try vector(slot, elementSize: 1, field) else { return nil }
    return vector.start..<(vector.start + vector.count)
  }
}

/// A flatbuffer vector whose whole extent has been checked to lie inside the buffer.
struct FlatBufferVector {
  /// The buffer the vector lives in.
  let buffer: FlatBuffer
  /// Where the first element starts.
  let start: Int
  /// Number of elements.
  let count: Int
  /// Size of one element in bytes.
  let elementSize: Int
  /// What the vector holds, for error reports.
  let field: TFLiteField

  /// The unsigned value of element `index` (scalar vectors).
  func unsigned(_ index: Int) throws(TFLiteError) -> UInt64 {
    try buffer.unsigned(at: start + index * elementSize, size: elementSize, field)
  }

  /// Element `index` as an `Int32` (vectors of `int`).
  func int32(_ index: Int) throws(TFLiteError) -> Int32 {
    Int32(truncatingIfNeeded: try unsigned(index))
  }

  /// Element `index` as an `Int64` (vectors of `long`).
  func int64(_ index: Int) throws(TFLiteError) -> Int64 {
    Int64(bitPattern: try unsigned(index))
  }

  /// Element `index` as a `Float` (vectors of `float`).
  func float(_ index: Int) throws(TFLiteError) -> Float {
    Float(bitPattern: UInt32(truncatingIfNeeded: try unsigned(index)))
  }

  /// The table element `index` refers to (vectors of tables).
  func table(_ index: Int) throws(TFLiteError) -> FlatBufferTable {
    let at = start + index * elementSize
    return try buffer.table(at: try buffer.target(ofOffsetAt: at, field), field)
  }
}
