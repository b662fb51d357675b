/// Where a finished flatbuffer object lies, counted in bytes from the end of the buffer (as flatbuffers counts).
struct FlatBufferOffset: Equatable, Hashable, Sendable {
  /// Distance from the end of the buffer to the object's first byte.
  let fromEnd: Int
}

/// A minimal FlatBuffers builder: writes back to front, aligns every scalar, builds and shares vtables.
///
/// It follows the reference builder's layout rules, so any FlatBuffers reader (and TFLite's verifier) accepts
/// its output: little-endian scalars aligned to their size, vectors prefixed by a 32-bit length, strings
/// NUL-terminated, tables starting with a signed offset to their vtable, and a buffer whose total size is a
/// multiple of the largest alignment used so that alignment from the end equals alignment from the start.
/// Misuse (nesting objects, adding fields outside a table) is a programming error and traps.
struct FlatBufferBuilder {
  /// The bytes written so far occupy `storage[head...]`.
  private var storage: [UInt8]
  private var head: Int
  /// The largest alignment requested; the finished buffer's size is a multiple of it.
  private var minimumAlignment = 1
  /// Field slots of the open table (slot → position from end), or nil when no table is open.
  private var openFields: [Int: Int]?
  private var tableStart = 0
  private var openVector = false
  /// Positions from end of the vtables written so far, for sharing identical ones.
  private var vtables: [Int] = []
  /// Whether tables with identical vtables share one copy (the reference builder's default).
  let sharesVTables: Bool

  /// An empty builder.
  init(capacity: Int = 1024, sharesVTables: Bool = true) {
    storage = [UInt8](repeating: 0, count: max(capacity, 16))
    head = storage.count
    self.sharesVTables = sharesVTables
  }

  /// Bytes written so far.
  var size: Int { storage.count - head }

  // MARK: Raw writing

  /// Pads with zeros so that, after `additionalBytes` more bytes, the size is a multiple of `alignment`.
  mutating func prepare(alignment: Int, additionalBytes: Int) {
    minimumAlignment = max(minimumAlignment, alignment)
    let padding = (alignment - (size + additionalBytes) % alignment) % alignment
    reserve(padding)
    head -= padding
    for index in head..<(head + padding) { storage[index] = 0 }
  }

  /// Writes a little-endian integer without aligning.
  private mutating func put<T: FixedWidthInteger>(_ value: T) {
    let width = MemoryLayout<T>.size
    reserve(width)
    head -= width
    var bits = value.littleEndian
    withUnsafeBytes(of: &bits) { bytes in
      for index in 0..<width { storage[head + index] = bytes[index] }
    }
  }

  /// Writes a little-endian integer aligned to its size; returns its position from the end.
  @discardableResult
  mutating func push<T: FixedWidthInteger>(_ value: T) -> Int {
    prepare(alignment: MemoryLayout<T>.size, additionalBytes: 0)
    put(value)
    return size
  }

  /// Writes a 32-bit offset to `target`, relative to where the offset itself lands.
  private mutating func pushOffset(to target: FlatBufferOffset) {
    prepare(alignment: 4, additionalBytes: 0)
    precondition(target.fromEnd <= size, "a flatbuffer offset must point to an object written earlier")
    put(UInt32(size + 4 - target.fromEnd))
  }

  /// Grows the storage (keeping the written bytes at its end) so that `count` more bytes fit.
  private mutating func reserve(_ count: Int) {
    guard count > head else { return }
    let used = size
    var capacity = storage.count
    while capacity - used < count { capacity *= 2 }
    var grown = [UInt8](repeating: 0, count: capacity)
    grown.replaceSubrange((capacity - used)..<capacity, with: storage[head...])
    storage = grown
    head = capacity - used
  }

  // MARK: Vectors and strings

  /// A vector of little-endian integers; `alignment` can raise the data's alignment (e.g. 16 for TFLite buffers).
  mutating func createVector<T: FixedWidthInteger>(_ elements: [T], alignment: Int = 1) -> FlatBufferOffset {
    let width = MemoryLayout<T>.size
    startVector(count: elements.count, elementSize: width, alignment: max(alignment, width))
    for element in elements.reversed() { put(element) }
    return endVector(count: elements.count)
  }

  /// A vector of 32-bit floats.
  mutating func createVector(_ elements: [Float]) -> FlatBufferOffset {
    createVector(elements.map(\.bitPattern))
  }

  /// A vector of offsets to tables, strings or vectors.
  mutating func createVector(_ offsets: [FlatBufferOffset]) -> FlatBufferOffset {
    startVector(count: offsets.count, elementSize: 4, alignment: 4)
    for offset in offsets.reversed() { pushOffset(to: offset) }
    return endVector(count: offsets.count)
  }

  /// A NUL-terminated UTF-8 string.
  mutating func createString(_ string: String) -> FlatBufferOffset {
    let bytes = Array(string.utf8)
    precondition(!openVector && openFields == nil, "flatbuffer objects cannot nest")
    prepare(alignment: 4, additionalBytes: bytes.count + 1)
    put(UInt8(0))
    for byte in bytes.reversed() { put(byte) }
    put(UInt32(bytes.count))
    return FlatBufferOffset(fromEnd: size)
  }

  private mutating func startVector(count: Int, elementSize: Int, alignment: Int) {
    precondition(!openVector && openFields == nil, "flatbuffer objects cannot nest")
    openVector = true
    prepare(alignment: 4, additionalBytes: count * elementSize)
    prepare(alignment: alignment, additionalBytes: count * elementSize)
  }

  private mutating func endVector(count: Int) -> FlatBufferOffset {
    openVector = false
    put(UInt32(count))
    return FlatBufferOffset(fromEnd: size)
  }

  // MARK: Tables

  /// Opens a table; add its fields, then call `endTable`.
  mutating func startTable() {
    precondition(!openVector && openFields == nil, "flatbuffer objects cannot nest")
    openFields = [:]
    prepare(alignment: 4, additionalBytes: 0)
    tableStart = size
  }

  /// Adds an integer field, omitted when it equals the schema default (readers return the default).
  mutating func add<T: FixedWidthInteger>(_ value: T, slot: Int, default defaultValue: T) {
    guard value != defaultValue else { return }
    record(slot: slot, at: push(value))
  }

  /// Adds a float field, omitted when it equals the schema default.
  mutating func add(_ value: Float, slot: Int, default defaultValue: Float) {
    guard value != defaultValue else { return }
    record(slot: slot, at: push(value.bitPattern))
  }

  /// Adds an offset field (table, vector or string).
  mutating func add(_ offset: FlatBufferOffset, slot: Int) {
    pushOffset(to: offset)
    record(slot: slot, at: size)
  }

  private mutating func record(slot: Int, at position: Int) {
    precondition(openFields != nil, "fields can only be added to an open table")
    openFields?[slot] = position
  }

  /// Closes the open table, writing (or sharing) its vtable.
  mutating func endTable() -> FlatBufferOffset {
    guard let fields = openFields else { preconditionFailure("endTable without startTable") }
    openFields = nil
    let table = push(Int32(0))
    let slotCount = (fields.keys.max() ?? -1) + 1
    var vtable = [UInt16](repeating: 0, count: 2 + slotCount)
    vtable[0] = UInt16(2 * vtable.count)
    vtable[1] = UInt16(table - tableStart)
    for (slot, position) in fields { vtable[2 + slot] = UInt16(table - position) }
    let vtablePosition = sharesVTables ? vtables.first(where: { self.vtable(at: $0) == vtable }) : nil
    let used: Int
    if let vtablePosition {
      used = vtablePosition
    } else {
      for entry in vtable.reversed() { put(entry) }
      used = size
      vtables.append(used)
    }
    write(Int32(used - table), at: table)
    return FlatBufferOffset(fromEnd: table)
  }

  /// The vtable written at a position from end.
  private func vtable(at position: Int) -> [UInt16] {
    let start = storage.count - position
    let count = Int(read16(start)) / 2
    return (0..<count).map { read16(start + 2 * $0) }
  }

  private func read16(_ index: Int) -> UInt16 { UInt16(storage[index]) | UInt16(storage[index + 1]) << 8 }

  private mutating func write(_ value: Int32, at position: Int) {
    let start = storage.count - position
    let bits = UInt32(bitPattern: value)
    for index in 0..<4 { storage[start + index] = UInt8(truncatingIfNeeded: bits >> (8 * index)) }
  }

  // MARK: Finishing

  /// Writes the root offset and file identifier and returns the finished buffer.
  mutating func finish(root: FlatBufferOffset, fileIdentifier: String) -> [UInt8] {
    let identifier = Array(fileIdentifier.utf8)
    precondition(identifier.count == 4, "a flatbuffer file identifier has 4 bytes")
    precondition(!openVector && openFields == nil, "finish with an object still open")
    prepare(alignment: max(minimumAlignment, 4), additionalBytes: 4 + identifier.count)
    for byte in identifier.reversed() { put(byte) }
    pushOffset(to: root)
    return Array(storage[head...])
  }
}
