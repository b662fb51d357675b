import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A plain TCP connection to a test server, for what an HTTP client library hides: pipelining several requests
/// in one write, chunked bodies, and seeing the exact response heads and when the server closes.
///
/// Its blocking socket calls run on a dispatch queue, never on the concurrency pool the server itself needs.
/// Used by one test at a time, one call after another.
final class RawHTTPConnection: @unchecked Sendable {
  /// One response as it came off the wire.
  struct Response: Sendable {
    var status: Int
    /// Header fields in wire order, names lowercased.
    var headers: [(name: String, value: String)]
    var body: Data

    /// The first value of header `name` (lowercase).
    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  /// What went wrong talking to the server.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let socket: Int32
  private var buffer = Data()

  /// Connects to `127.0.0.1:port`; reads give up after 10 s.
  init(port: Int) throws {
    socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "cannot connect to port \(port)") }
  }

  deinit { close(socket) }

  /// Sends `bytes` in one write.
  func send(_ bytes: Data) async throws { try await Self.blocking { try self.sendNow(bytes) } }

  /// Reads the next complete response (its body sized by Content-Length).
  func response() async throws -> Response { try await Self.blocking { try self.responseNow() } }

  /// Whether the server has closed the connection (a read returns end of file) with nothing more sent.
  func isClosedByServer() async throws -> Bool { try await Self.blocking { try self.isClosedNow() } }

  private static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
  }

  private func sendNow(_ bytes: Data) throws {
    let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
    guard sent == bytes.count else { throw Failure(description: "sent \(sent) of \(bytes.count) bytes") }
  }

  private func responseNow() throws -> Response {
    let separator = Data("\r\n\r\n".utf8)
    while buffer.range(of: separator) == nil { try fill() }
    let headEnd = buffer.range(of: separator)!
    let lines = String(decoding: buffer[buffer.startIndex..<headEnd.lowerBound], as: UTF8.self)
      .components(separatedBy: "\r\n")
    guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
      throw Failure(description: "bad status line \(lines.first ?? "")")
    }
    let headers = lines.dropFirst().map { line in
      let parts = line.split(separator: ":", maxSplits: 1)
      return (
        name: parts[0].lowercased(),
        value: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
      )
    }
    let length = headers.first { $0.name == "content-length" }.flatMap { Int($0.value) } ?? 0
    while buffer.count - (headEnd.upperBound - buffer.startIndex) < length { try fill() }
    let body = buffer[headEnd.upperBound..<headEnd.upperBound + length]
    buffer = Data(buffer[(headEnd.upperBound + length)...])
    return Response(status: status, headers: headers, body: Data(body))
  }

  private func isClosedNow() throws -> Bool {
    var byte: UInt8 = 0
    let count = recv(socket, &byte, 1, 0)
    if count < 0 { throw Failure(description: "read failed (errno \(errno)) waiting for the close") }
    return count == 0
  }

  private func fill() throws {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let count = recv(socket, &chunk, chunk.count, 0)
    guard count > 0 else { throw Failure(description: "connection ended (\(count), errno \(errno))") }
    buffer.append(contentsOf: chunk[0..<count])
  }

  /// The bytes of a request with a Content-Length body.
  static func request(
    _ method: String, _ path: String, body: Data? = nil, headers: [(String, String)] = []
  ) -> Data {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if let body { head += "Content-Length: \(body.count)\r\n" }
    return Data((head + "\r\n").utf8) + (body ?? Data())
  }
}
