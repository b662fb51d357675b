import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

@testable import MQTT

/// A scripted MQTT server on a free loopback port, for what a real broker will not do on demand:
/// swallow acknowledgements, send malformed bytes, ignore PINGREQ, refuse connections.
final class FakeBroker: Sendable {
  /// What the server does in answer to a packet.
  enum Reply: Sendable {
    case packet(MQTTPacket)
    case raw([UInt8])
    case close
  }

  /// Decides the replies to `packet` received on connection number `connection` (1 = first).
  typealias Script = @Sendable (_ connection: Int, _ packet: MQTTPacket) -> [Reply]

  /// A packet the server received, with the number of the connection it came on.
  struct Received: Sendable {
    var connection: Int
    var packet: MQTTPacket
  }

  let port: Int
  private let channel: any Channel
  private let log: NIOLockedValueBox<(connections: Int, received: [Received])>

  private init(
    port: Int, channel: any Channel, log: NIOLockedValueBox<(connections: Int, received: [Received])>
  ) {
    self.port = port
    self.channel = channel
    self.log = log
  }

  /// Starts a server that answers with `script`.
  static func start(script: @escaping Script) async throws -> FakeBroker {
    let log = NIOLockedValueBox<(connections: Int, received: [Received])>((0, []))
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          let number = log.withLockedValue { state in
            state.connections += 1
            return state.connections
          }
          try channel.pipeline.syncOperations.addHandlers(
            ByteToMessageHandler(MQTTPacketDecoder(maximumPacketSize: 1 << 20)),
            ConnectionHandler(number: number, script: script, log: log))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    return FakeBroker(port: channel.localAddress!.port!, channel: channel, log: log)
  }

  /// Every packet received so far, in order.
  var received: [Received] { log.withLockedValue { $0.received } }

  /// How many connections were accepted so far.
  var connectionCount: Int { log.withLockedValue { $0.connections } }

  /// Stops listening (open connections close with the event loop's next turn).
  func stop() async {
    try? await channel.close()
  }

  /// The polite broker: accepts CONNECT, acknowledges PUBLISH, SUBSCRIBE, UNSUBSCRIBE and PINGREQ.
  static func acknowledge(_ packet: MQTTPacket) -> [Reply] {
    switch packet {
    case .connect: [.packet(.connAck(MQTTConnAck(sessionPresent: false, returnCode: .accepted)))]
    case .publish(let publish): publish.packetID.map { [.packet(.pubAck(packetID: $0))] } ?? []
    case .subscribe(let subscribe):
      [
        .packet(
          .subAck(
            MQTTSubAck(packetID: subscribe.packetID, returnCodes: subscribe.entries.map { .granted($0.qos) }))
        )
      ]
    case .unsubscribe(let unsubscribe): [.packet(.unsubAck(packetID: unsubscribe.packetID))]
    case .pingReq: [.packet(.pingResp)]
    default: []
    }
  }

  private final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = MQTTPacket
    typealias OutboundOut = ByteBuffer

    let number: Int
    let script: Script
    let log: NIOLockedValueBox<(connections: Int, received: [Received])>

    init(
      number: Int, script: @escaping Script, log: NIOLockedValueBox<(connections: Int, received: [Received])>
    ) {
      self.number = number
      self.script = script
      self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      let packet = unwrapInboundIn(data)
      log.withLockedValue { $0.received.append(Received(connection: number, packet: packet)) }
      for reply in script(number, packet) {
        switch reply {
        case .packet(let packet):
          var buffer = context.channel.allocator.buffer(capacity: 64)
          try? packet.encode(into: &buffer)
          context.write(wrapOutboundOut(buffer), promise: nil)
        case .raw(let bytes):
          context.write(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
        case .close:
          context.flush()
          context.close(promise: nil)
          return
        }
      }
      context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
      context.close(promise: nil)
    }
  }
}
