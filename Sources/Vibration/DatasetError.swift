/// Why a dataset file could not be read or written: which file, where in it, and what is wrong.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
  /// Where in a file a problem was found.
  public enum Location: Equatable, Sendable {
    /// The file as a whole (it could not be opened, is empty, …).
    case file
    /// A 1-based line of a text file (CSV, JSONL).
    case line(Int)
    /// A 0-based byte offset of a binary file (NPY).
    case byteOffset(Int)
  }

  /// What is wrong.
  public enum Problem: Equatable, Sendable {
    /// The file could not be read (missing, unreadable); carries the system's reason.
    case unreadable(String)
    /// The file could not be written; carries the system's reason.
    case unwritable(String)
    /// The file holds no data rows.
    case empty
    /// A row has a different number of columns than the first row (or than the expected width).
    case wrongColumnCount(expected: Int, found: Int)
    /// A cell (1-based column) is not a number.
    case notANumber(column: Int, text: String)
    /// A cell (1-based column) is NaN or infinite.
    case nonFinite(column: Int, text: String)
    /// A label is not 0 or 1.
    case badLabel(String)
    /// The first bytes are not the NPY magic string.
    case badMagic
    /// An NPY format version this reader does not know.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The NPY header dictionary cannot be understood.
    case badHeader(String)
    /// The array's element type cannot be read as this kind of data.
    case unsupportedDType(String)
    /// The array is stored in Fortran (column-major) order.
    case fortranOrder
    /// The array has the wrong number of dimensions.
    case wrongDimensions(expected: Int, shape: [Int])
    /// The file ends before the data its header promises.
    case truncated(expectedBytes: Int, foundBytes: Int)
    /// A line is not valid JSON (or not a JSON object).
    case badJSON(String)
    /// A required field is missing.
    case missingField(String)
    /// A field is present but its value is unusable.
    case invalidField(name: String, reason: String)
    /// Two files or arrays that must agree in length do not.
    case lengthMismatch(expected: Int, found: Int)
  }

  /// The file's path as given.
  public var file: String
  /// Where in the file.
  public var location: Location
  /// What is wrong there.
  public var problem: Problem

  /// An error for `file` at `location`.
  public init(file: String, location: Location, problem: Problem) {
    self.file = file
    self.location = location
    self.problem = problem
  }

  /// `file:line: problem` (or `file (byte n): problem`), with what to do about it.
  public var description: String {
    let place =
      switch location {
      case .file: file
      case .line(let line): "\(file):\(line)"
      case .byteOffset(let offset): "\(file) (byte \(offset))"
      }
    return "\(place): \(problemDescription)"
  }

  private var problemDescription: String {
    switch problem {
    case .unreadable(let reason): "cannot read the file (\(reason)); check the path and permissions"
    case .unwritable(let reason):
      "cannot write the file (\(reason)); check the directory exists and is writable"
    case .empty: "no data rows; a dataset file needs at least one window"
    case .wrongColumnCount(let expected, let found):
      "found \(found) columns, expected \(expected); every row must hold one whole window (plus the label, if any)"
    case .notANumber(let column, let text): "column \(column): '\(text)' is not a number"
    case .nonFinite(let column, let text):
      "column \(column): '\(text)' is not finite; windows must hold real accelerations"
    case .badLabel(let text): "label '\(text)' must be 0 (normal) or 1 (anomaly)"
    case .badMagic: "not an NPY file (it does not start with \\x93NUMPY); save it with numpy.save"
    case .unsupportedVersion(let major, let minor):
      "NPY format version \(major).\(minor) is not supported (use 1.0 or 2.0)"
    case .badHeader(let reason): "unreadable NPY header: \(reason)"
    case .unsupportedDType(let dtype):
      "element type '\(dtype)' cannot be read here; save as little-endian float32 ('<f4')"
    case .fortranOrder: "array is in Fortran order; save numpy.ascontiguousarray(a) instead"
    case .wrongDimensions(let expected, let shape):
      "array has shape \(shape), expected \(expected) dimension\(expected == 1 ? "" : "s")"
    case .truncated(let expected, let found):
      "file ends early: the header promises \(expected) data bytes, \(found) follow"
    case .badJSON(let reason): "not a JSON object: \(reason)"
    case .missingField(let name): "missing field '\(name)'"
    case .invalidField(let name, let reason): "field '\(name)': \(reason)"
    case .lengthMismatch(let expected, let found): "holds \(found) entries but the windows number \(expected)"
    }
  }
}
