import Foundation

/// Reads a whole file, naming it in the error.
func readBytes(_ url: URL) throws(DatasetError) -> [UInt8] {
  do {
    return [UInt8](try Data(contentsOf: url))
  } catch {
    throw DatasetError(file: url.path, location: .file, problem: .unreadable(error.localizedDescription))
  }
}

/// Writes a whole file atomically, naming it in the error.
func writeBytes(_ bytes: [UInt8], to url: URL) throws(DatasetError) {
  do {
    try Data(bytes).write(to: url, options: .atomic)
  } catch {
    throw DatasetError(file: url.path, location: .file, problem: .unwritable(error.localizedDescription))
  }
}
