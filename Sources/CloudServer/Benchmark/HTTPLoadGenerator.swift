import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 keep-alive load generator on SwiftNIO: N connections posting bodies in turn (or GETting a path).
///
/// Closed loop by default (each connection sends its next request when the previous answer
/// arrived). With a `rate`, each connection sends on a fixed schedule and latency is measured
/// from the scheduled send time, so a slow answer is not hidden (no coordinated omission).
public struct HTTPLoadGenerator: Sendable {
  /// Server host.
  public var host: String
  /// Server port.
  public var port: Int
  /// Path to request.
  public var path: String
  /// POST sends `bodies`; GET sends none (to measure the HTTP stack's own cost per request).
  public var method: HTTPMethod
  /// JSON bodies, sent round-robin by POST.
  public var bodies: [Data]
  /// Extra request headers.
  public var headers: [(String, String)]
  /// Concurrent connections.
  public var connections: Int
  /// How long to send.
  public var duration: Duration
  /// Total requests per second across connections; nil sends as fast as answers come.
  public var rate: Double?
  /// Event-loop threads of the generator.
  public var threads: Int

  /// A load run description.
  public init(
    host: String = "127.0.0.1", port: Int, path: String = "/classify", method: HTTPMethod = .POST,
    bodies: [Data], headers: [(String, String)] = [],
    connections: Int = 32, duration: Duration = .seconds(10), rate: Double? = nil, threads: Int = 1
  ) {
    self.host = host
    self.port = port
    self.path = path
    self.method = method
    self.bodies = bodies
    self.headers = headers
    self.connections = connections
    self.duration = duration
    self.rate = rate
    self.threads = threads
  }

  /// Runs the load and returns what it measured.
  public func run() async throws -> LoadResult {
    precondition(connections > 0, "a load run needs connections")
    precondition(method != .POST || !bodies.isEmpty, "a POST load run needs bodies")
    let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    let tally = TallyBox()
    let start = NIODeadline.now()
    let deadline =
      start
      + .nanoseconds(
        Int64(duration.components.seconds) * 1_000_000_000
          + duration.components.attoseconds / 1_000_000_000)
    var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
    head.headers.add(name: "Host", value: "\(host):\(port)")
    if method == .POST { head.headers.add(name: "Content-Type", value: "application/json") }
    for (name, value) in headers { head.headers.add(name: name, value: value) }
    let requestHead = head
    let payloads = method == .POST ? bodies.map { ByteBuffer(bytes: $0) } : []
    let interval = rate.map { Int64(Double(connections) / $0 * 1e9) }
    var closed: [EventLoopFuture<Void>] = []
    for index in 0..<connections {
      let configuration = LoadConnection.Configuration(
        head: requestHead, bodies: payloads, firstBody: index, deadline: deadline,
        interval: interval.map { TimeAmount.nanoseconds($0) },
        offset: interval.map { TimeAmount.nanoseconds($0 * Int64(index) / Int64(connections)) } ?? .zero)
      let bootstrap = ClientBootstrap(group: group).channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHTTPClientHandlers()
          try channel.pipeline.syncOperations.addHandler(
            LoadConnection(configuration: configuration, tally: tally))
        }
      }
      do {
        let channel = try await bootstrap.connect(host: host, port: port).get()
        closed.append(channel.closeFuture)
      } catch {
        tally.state.withLock { $0.connectionErrors += 1 }
      }
    }
    for future in closed { try? await future.get() }
    let seconds = Double((NIODeadline.now() - start).nanoseconds) / 1e9
    try await group.shutdownGracefully()
    return tally.state.withLock {
      LoadResult(
        latenciesMicroseconds: $0.latencies, succeeded: $0.succeeded, failedStatus: $0.failedStatus,
        connectionErrors: $0.connectionErrors, seconds: seconds)
    }
  }
}

/// Counts shared by all connections of a run.
struct Tally: Sendable {
  var latencies: [UInt32] = []
  var succeeded = 0
  var failedStatus = 0
  var connectionErrors = 0
}

/// The shared `Tally`, lockable from every event loop.
final class TallyBox: Sendable {
  let state = Mutex(Tally())
}

/// One keep-alive connection sending requests until the deadline.
final class LoadConnection: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundOut = HTTPClientRequestPart

  struct Configuration: Sendable {
    var head: HTTPRequestHead
    var bodies: [ByteBuffer]
    var firstBody: Int
    var deadline: NIODeadline
    var interval: TimeAmount?
    var offset: TimeAmount
  }

  private let configuration: Configuration
  private let tally: TallyBox
  private var next: Int
  private var sentAt = NIODeadline.now()
  private var nextSend = NIODeadline.now()
  private var status: UInt = 0
  private var latencies: [UInt32] = []
  private var succeeded = 0
  private var failedStatus = 0
  private var broken = false

  init(configuration: Configuration, tally: TallyBox) {
    self.configuration = configuration
    self.tally = tally
    next = configuration.firstBody
  }

  func channelActive(context: ChannelHandlerContext) {
    nextSend = NIODeadline.now() + configuration.offset
    schedule(context: context)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      status = head.status.code
    case .body:
      break
    case .end:
      let now = NIODeadline.now()
      latencies.append(UInt32(clamping: (now - sentAt).nanoseconds / 1000))
      if (200..<300).contains(status) { succeeded += 1 } else { failedStatus += 1 }
      if let interval = configuration.interval { nextSend = nextSend + interval }
      schedule(context: context)
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    broken = true
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    let (latencies, succeeded, failedStatus, broken) = (latencies, succeeded, failedStatus, broken)
    tally.state.withLock { tally in
      tally.latencies.append(contentsOf: latencies)
      tally.succeeded += succeeded
      tally.failedStatus += failedStatus
      if broken { tally.connectionErrors += 1 }
    }
    context.fireChannelInactive()
  }

  private func schedule(context: ChannelHandlerContext) {
    let now = NIODeadline.now()
    guard now < configuration.deadline else {
      context.close(promise: nil)
      return
    }
    guard configuration.interval != nil, nextSend > now else {
      send(context: context, scheduledAt: configuration.interval == nil ? now : nextSend)
      return
    }
    let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
    context.eventLoop.scheduleTask(deadline: nextSend) {
      let (handler, context) = loopBound.value
      handler.send(context: context, scheduledAt: handler.nextSend)
    }
  }

  private func send(context: ChannelHandlerContext, scheduledAt: NIODeadline) {
    sentAt = scheduledAt
    guard !configuration.bodies.isEmpty else {
      context.write(wrapOutboundOut(.head(configuration.head)), promise: nil)
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      return
    }
    let body = configuration.bodies[next % configuration.bodies.count]
    next += 1
    var head = configuration.head
    head.headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
  }
}
