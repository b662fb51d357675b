import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Answers `POST /classify` on the event loop, inside Hummingbird's HTTP/1 pipeline, and passes every other
/// request through to Hummingbird untouched.
///
/// The request takes the same steps as the Hummingbird route (`ServerCore.admitClassify`, `judgeClassify`,
/// `storeClassification`, `answerClassification`) without a task, async body stream, router or request context
/// per request; the durable store answers through a callback, handed back to the loop. Pipelined requests are
/// answered in order: parts behind a `/classify` in flight wait here, and a `/classify` behind a passed-through
/// request waits until that response's end has gone out. Because Hummingbird's idle timer never sees the requests answered here, this
/// handler keeps the connection's idle timeout itself (Hummingbird's is off) and holds graceful-shutdown
/// quiescing until the answer in flight is written.
final class ClassifyChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  /// The route label `/metrics` counts these requests under, as the router would.
  static let route = "/classify"

  /// One `/classify` request being read or answered.
  private struct Exchange {
    let start: ContinuousClock.Instant
    let path: String
    let closeAfter: Bool
    /// Nil once the request has been refused (its remaining body is then discarded).
    var admission: ClassifyAdmission?
    var body: ByteBuffer?
    var requestEnded = false
    var answered = false
  }

  private let core: ServerCore
  private let serverName: String
  private let idleTimeout: TimeAmount
  private let clock = ContinuousClock()
  private var dates = HTTPDateCache()
  private var exchange: Exchange?
  private var forwarding = false
  private var passedThrough = 0
  private var held = CircularBuffer<HTTPRequestPart>()
  private var draining = false
  private var readHeld = false
  private var quiescing = false
  private var quiesceHeld = false
  private var lastActive = NIODeadline.uptimeNanoseconds(0)
  private var idleTask: Scheduled<Void>?

  /// A handler for one connection, naming itself `serverName` and closing after `idleTimeout` without requests.
  init(core: ServerCore, serverName: String, idleTimeout: TimeAmount) {
    self.core = core
    self.serverName = serverName
    self.idleTimeout = idleTimeout
  }

  // MARK: Inbound

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let part = unwrapInboundIn(data)
    lastActive = context.eventLoop.now
    // Once quiescing, only the request being read goes on; new ones are not started.
    guard !quiescing || forwarding || exchange?.requestEnded == false else { return }
    if held.isEmpty, canProceed(part) {
      process(part, context: context)
    } else {
      held.append(part)
    }
  }

  func read(context: ChannelHandlerContext) {
    if isBlocked {
      readHeld = true
    } else {
      context.read()
    }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    guard event is ChannelShouldQuiesceEvent else { return context.fireUserInboundEventTriggered(event) }
    quiescing = true
    held.removeAll()
    if exchange == nil {
      context.fireUserInboundEventTriggered(event)
    } else {
      quiesceHeld = true
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if exchange == nil, held.isEmpty {
      context.fireErrorCaught(error)
    } else {
      core.logger.debug("closing a connection after a pipeline error", metadata: ["error": "\(error)"])
      context.close(promise: nil)
    }
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { becameActive(context: context) }
  }

  func channelActive(context: ChannelHandlerContext) {
    becameActive(context: context)
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    idleTask?.cancel()
    idleTask = nil
    context.fireChannelInactive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    idleTask?.cancel()
    idleTask = nil
  }

  // MARK: Outbound (responses to passed-through requests)

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    context.write(data, promise: promise)
    guard case .end = unwrapOutboundIn(data) else { return }
    passedThrough = max(0, passedThrough - 1)
    lastActive = context.eventLoop.now
    if passedThrough == 0 { drain(context: context) }
  }

  // MARK: Ordering

  /// Whether inbound parts must wait: an answer is pending, or parts already wait.
  private var isBlocked: Bool { !held.isEmpty || exchange?.requestEnded == true }

  /// Whether `part` can be handled now rather than wait behind an answer still to be written.
  private func canProceed(_ part: HTTPRequestPart) -> Bool {
    if let exchange { return !exchange.requestEnded }
    if case .head(let head) = part, Self.isClassify(head) { return passedThrough == 0 }
    return true
  }

  private func process(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
    if exchange != nil { return receive(part, context: context) }
    switch part {
    case .head(let head) where Self.isClassify(head):
      begin(head, context: context)
    case .head:
      passedThrough += 1
      forwarding = true
      context.fireChannelRead(wrapInboundOut(part))
    case .body:
      context.fireChannelRead(wrapInboundOut(part))
    case .end:
      forwarding = false
      context.fireChannelRead(wrapInboundOut(part))
    }
  }

  /// Handles the parts that waited, in order, as far as they can go now.
  private func drain(context: ChannelHandlerContext) {
    guard !draining else { return }
    draining = true
    var forwarded = false
    while let part = held.first, canProceed(part) {
      held.removeFirst()
      forwarded = forwarded || exchange == nil
      process(part, context: context)
    }
    draining = false
    // Hummingbird's inbound stream hands parts on at a read's end; these arrived outside one.
    if forwarded { context.fireChannelReadComplete() }
    if !isBlocked, readHeld {
      readHeld = false
      context.read()
    }
  }

  static func isClassify(_ head: HTTPRequest) -> Bool {
    guard head.method == .post, let path = head.path else { return false }
    let route = Self.route.utf8
    let bytes = path.utf8
    guard bytes.starts(with: route) else { return false }
    let rest = bytes.dropFirst(route.count)
    return rest.first == nil || rest.first == UInt8(ascii: "?")
  }

  // MARK: The exchange

  private func begin(_ head: HTTPRequest, context: ChannelHandlerContext) {
    let connection = head.headerFields[.connection]
    exchange = Exchange(
      start: clock.now, path: head.path ?? Self.route, closeAfter: connection?.lowercased() == "close")
    do {
      exchange?.admission = try core.admitClassify(head.headerFields)
    } catch {
      refuse(error, context: context)
    }
  }

  private func receive(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
    switch part {
    case .head:
      context.close(promise: nil)
    case .body(var bytes):
      guard exchange?.admission != nil else { return }
      let limit = core.configuration.bodyLimit
      if exchange?.body == nil {
        exchange?.body = bytes
      } else {
        exchange?.body?.writeBuffer(&bytes)
      }
      if (exchange?.body?.readableBytes ?? 0) > limit {
        refuse(JSONBody.tooLarge(limit: limit), context: context)
      }
    case .end:
      exchange?.requestEnded = true
      if let admission = exchange?.admission {
        judge(exchange?.body ?? ByteBuffer(), admission, context: context)
      } else if exchange?.answered == true {
        finish(context: context)
      }
    }
  }

  private func judge(_ body: ByteBuffer, _ admission: ClassifyAdmission, context: ChannelHandlerContext) {
    exchange?.body = nil
    let core = core
    let judgement: ClassifyJudgement
    do {
      judgement = try body.withUnsafeReadableBytes { bytes in try core.judgeClassify(bytes, admission) }
    } catch {
      return refuse(error, context: context)
    }
    let eventLoop = context.eventLoop
    let bound = NIOLoopBound((self, context), eventLoop: eventLoop)
    core.storeClassification(judgement) { result in
      eventLoop.execute {
        let (handler, context) = bound.value
        switch result {
        case .success(let outcome):
          handler.answer(.ok, body: core.answerClassification(judgement, outcome), context: context)
        case .failure(let error): handler.refuse(error, context: context)
        }
      }
    }
  }

  private func refuse(_ error: any Error, context: ChannelHandlerContext) {
    guard let exchange else { return }
    self.exchange?.admission = nil
    self.exchange?.body = nil
    let refusal = APIError(answering: error, method: "POST", path: exchange.path, logger: core.logger)
    answer(refusal.status, extraHeaders: refusal.headers, body: refusal.body, context: context)
  }

  private func answer(
    _ status: HTTPResponse.Status, extraHeaders: HTTPFields = [:], body: some Collection<UInt8>,
    context: ChannelHandlerContext
  ) {
    guard let exchange, !exchange.answered else { return }
    self.exchange?.answered = true
    var fields: HTTPFields = [.contentType: "application/json", .contentLength: String(body.count)]
    fields.append(contentsOf: extraHeaders)
    fields[.date] = dates.now()
    fields[.server] = serverName
    context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
    context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
    if exchange.closeAfter {
      let channel = context.channel
      let written = context.eventLoop.makePromise(of: Void.self)
      written.futureResult.whenComplete { _ in channel.close(promise: nil) }
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    } else {
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
    core.metrics.recordRequest(
      route: Self.route, method: "POST", status: Int(status.code), duration: clock.now - exchange.start)
    lastActive = context.eventLoop.now
    if exchange.requestEnded { finish(context: context) }
  }

  /// Ends the exchange once its request is read and its answer written, and lets what waited go on.
  private func finish(context: ChannelHandlerContext) {
    let closing = exchange?.closeAfter == true
    exchange = nil
    if closing {
      held.removeAll()
      quiescing = true
    }
    if quiesceHeld {
      quiesceHeld = false
      context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
    }
    drain(context: context)
  }

  // MARK: Idle timeout

  private func becameActive(context: ChannelHandlerContext) {
    lastActive = context.eventLoop.now
    scheduleIdleCheck(context: context, at: lastActive + idleTimeout)
  }

  private func scheduleIdleCheck(context: ChannelHandlerContext, at deadline: NIODeadline) {
    idleTask?.cancel()
    let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
    idleTask = context.eventLoop.scheduleTask(deadline: deadline) {
      let (handler, context) = bound.value
      handler.checkIdle(context: context)
    }
  }

  /// Closes a connection that has neither read nor answered anything for the idle timeout; one still
  /// answering a fully read request is not idle.
  private func checkIdle(context: ChannelHandlerContext) {
    idleTask = nil
    let reading = forwarding || exchange?.requestEnded == false
    let answering = passedThrough > 0 || exchange != nil
    let now = context.eventLoop.now
    if answering, !reading {
      scheduleIdleCheck(context: context, at: now + idleTimeout)
    } else if now >= lastActive + idleTimeout {
      context.close(promise: nil)
    } else {
      scheduleIdleCheck(context: context, at: lastActive + idleTimeout)
    }
  }
}
