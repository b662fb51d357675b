import NIOCore
import NIOPosix

/// Finds a TCP port on 127.0.0.1 that is free right now (for servers that cannot report their own).
public enum FreePort {
  /// Binds port 0, reads the port the kernel chose, and releases it.
  public static func find() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port
    try await channel.close().get()
    guard let port else { throw ServerProcessError.notListening("127.0.0.1", timeout: .zero) }
    return port
  }
}
