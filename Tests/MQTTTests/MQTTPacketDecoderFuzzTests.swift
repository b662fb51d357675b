import EdgeCore
import NIOCore
import Testing

@testable import MQTT

@Suite("Packet decoder fuzzing")
struct MQTTPacketDecoderFuzzTests {
  /// What one input did: how many packets decoded and whether it ended in an error.
  struct Outcome: Equatable {
    var packets: [MQTTPacket]
    var error: MQTTDecodingError?
  }

  @Test("random byte streams decode or fail with a typed error, never crash or stall")
  func randomStreams() throws {
    var random = SplitMix64(seed: 0x00C0_FFEE)
    var decodedPackets = 0
    var failures = 0
    for _ in 0..<4000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        // Half the time a plausible header (known type, short length), so bodies get exercised too.
        if Bool.random(using: &random) {
          let type = UInt8.random(in: 1...14, using: &random)
          let length = Int.random(in: 0...(Bool.random(using: &random) ? 4 : 24), using: &random)
          bytes += [
            type << 4 | (Bool.random(using: &random) ? MQTTPacketType(rawValue: type)!.requiredFlags : 0)
          ]
          bytes += [UInt8(length)] + (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        } else {
          bytes += (0..<Int.random(in: 0...40, using: &random)).map { _ in
            UInt8.random(in: 0...255, using: &random)
          }
        }
      }
      let outcome = try check(bytes, random: &random)
      decodedPackets += outcome.packets.count
      failures += outcome.error == nil ? 0 : 1
    }
    #expect(decodedPackets > 0, "the fuzzer should reach valid packets, not only garbage")
    #expect(failures > 1000, "the fuzzer should reach the error paths")
  }

  @Test("mutated valid packet streams decode or fail with a typed error, never crash or stall")
  func mutatedStreams() throws {
    var random = SplitMix64(seed: 0xBAD_5EED)
    let encodings = try samplePackets.map(encoded)
    var decodedPackets = 0
    var failures = 0
    for _ in 0..<5000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 1...3, using: &random) { bytes += encodings.randomElement(using: &random)! }
      for _ in 0..<Int.random(in: 1...3, using: &random) { mutate(&bytes, random: &random) }
      let outcome = try check(bytes, random: &random)
      decodedPackets += outcome.packets.count
      failures += outcome.error == nil ? 0 : 1
    }
    #expect(decodedPackets > 1000, "the fuzzer should reach valid packets, not only garbage")
    #expect(failures > 1000, "the fuzzer should reach the error paths")
  }

  /// Decodes `bytes` whole and in random chunks through the NIO decoder; both must agree, every
  /// failure must be an `MQTTDecodingError`, and every decoded packet must re-encode to itself.
  private func check(_ bytes: [UInt8], random: inout SplitMix64) throws -> Outcome {
    var whole = Outcome(packets: [], error: nil)
    var buffer = ByteBuffer(bytes: bytes)
    do {
      while true {
        let before = buffer.readableBytes
        guard let packet = try MQTTPacket.decode(from: &buffer, maximumPacketSize: 4096) else { break }
        #expect(buffer.readableBytes < before, "a decoded packet must consume bytes")
        whole.packets.append(packet)
      }
    } catch {
      whole.error = error
    }

    var chunked = Outcome(packets: [], error: nil)
    let processor = NIOSingleStepByteToMessageProcessor(MQTTPacketDecoder(maximumPacketSize: 4096))
    var rest = bytes[...]
    do {
      while !rest.isEmpty {
        let chunk = rest.prefix(Int.random(in: 1...16, using: &random))
        rest = rest.dropFirst(chunk.count)
        try processor.process(buffer: ByteBuffer(bytes: chunk)) { chunked.packets.append($0) }
      }
    } catch let error as MQTTDecodingError {
      chunked.error = error
    }
    #expect(chunked == whole, "chunked decoding must match whole decoding for \(bytes)")

    for packet in whole.packets {
      let reencoded = try encoded(packet)
      #expect(try decodeAll(reencoded).packets == [packet])
    }
    return whole
  }

  private func mutate(_ bytes: inout [UInt8], random: inout SplitMix64) {
    guard !bytes.isEmpty else { return }
    let index = Int.random(in: 0..<bytes.count, using: &random)
    switch Int.random(in: 0..<6, using: &random) {
    case 0: bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &random)
    case 1: bytes[index] = UInt8.random(in: 0...255, using: &random)
    case 2: bytes.remove(at: index)
    case 3: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
    case 4: bytes.removeSubrange(index...)
    default:
      let end = min(bytes.count, index + Int.random(in: 1...8, using: &random))
      bytes.insert(contentsOf: bytes[index..<end], at: index)
    }
  }
}
