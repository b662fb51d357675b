import NIOCore

/// The last handler of a connection's pipeline: hands packets, errors and the close to the client,
/// synchronously, because the client runs on this channel's event loop.
final class MQTTChannelHandler: ChannelInboundHandler {
  typealias InboundIn = MQTTPacket

  private let client: MQTTClient
  private let generation: UInt64

  /// A handler reporting to `client` for the connection numbered `generation`.
  init(client: MQTTClient, generation: UInt64) {
    self.client = client
    self.generation = generation
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let packet = unwrapInboundIn(data)
    let generation = generation
    client.assumeIsolated { $0.handleInbound(packet, generation: generation) }
  }

  func channelInactive(context: ChannelHandlerContext) {
    let generation = generation
    client.assumeIsolated { $0.handleChannelClosed(generation: generation) }
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    let generation = generation
    client.assumeIsolated { $0.handleChannelError(error, generation: generation) }
    context.close(promise: nil)
  }
}
