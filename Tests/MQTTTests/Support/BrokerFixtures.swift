import Logging
import NIOCore
import Testing

@testable import MQTT

/// Runs `body` with a fresh mosquitto on a free loopback port and always shuts it down.
/// A missing mosquitto fails the test with LocalMosquitto's message (never a skip).
func withMosquitto<T>(
  persistent: Bool = false, tls: LocalMosquitto.TLSIdentity? = nil, _ body: (LocalMosquitto) async throws -> T
) async throws -> T {
  let broker = try await LocalMosquitto.start(persistent: persistent, tls: tls)
  do {
    let result = try await body(broker)
    await broker.shutdown()
    return result
  } catch {
    Issue.record("broker log:\n\(await broker.log())")
    await broker.shutdown()
    throw error
  }
}

/// A logger that drops everything, so test output shows only results.
let quietLogger = Logger(label: "mqtt-test") { _ in SwiftLogNoOpLogHandler() }

/// A configuration for `port` on 127.0.0.1 with short timings, so that recovery tests stay fast.
func testConfiguration(port: Int, clientID: String) -> MQTTConfiguration {
  var configuration = MQTTConfiguration(host: "127.0.0.1", port: port, clientID: clientID)
  configuration.keepAliveSeconds = 5
  configuration.connectTimeout = .seconds(2)
  configuration.reconnectBackoff = MQTTBackoff(
    minimum: .milliseconds(20), maximum: .milliseconds(200), jitter: 0)
  return configuration
}

/// A client of `broker` with the test timings, adjusted by `configure`.
func makeClient(
  _ broker: LocalMosquitto, clientID: String, logger: Logger = quietLogger,
  configure: (inout MQTTConfiguration) -> Void = { _ in }
) -> MQTTClient {
  var configuration = testConfiguration(port: broker.port, clientID: clientID)
  configure(&configuration)
  return MQTTClient(configuration: configuration, logger: logger)
}

/// The first `count` messages of `stream`, or fewer if `timeout` passes first.
func collect(_ stream: AsyncStream<MQTTMessage>, count: Int, timeout: Duration = .seconds(10)) async
  -> [MQTTMessage]
{
  await collect(stream, timeout: timeout) { $0.count >= count }
}

/// Messages of `stream` until `done` says enough, the stream ends, or `timeout` passes.
func collect(
  _ stream: AsyncStream<MQTTMessage>, timeout: Duration = .seconds(10),
  until done: @escaping @Sendable ([MQTTMessage]) -> Bool
) async -> [MQTTMessage] {
  await withTaskGroup(of: [MQTTMessage]?.self) { group in
    group.addTask {
      var messages: [MQTTMessage] = []
      for await message in stream {
        messages.append(message)
        if done(messages) { break }
      }
      return messages
    }
    group.addTask {
      try? await Task.sleep(for: timeout)
      return nil
    }
    var collected: [MQTTMessage] = []
    for await result in group {
      guard let result else {
        // The timeout fired first: stop reading and keep what arrived.
        group.cancelAll()
        continue
      }
      collected = result
      break
    }
    group.cancelAll()
    return collected
  }
}

/// Whether `stream` ends (rather than `timeout` passing while it stays open).
func finishes(_ stream: AsyncStream<MQTTMessage>, timeout: Duration = .seconds(10)) async -> Bool {
  await withTaskGroup(of: Bool.self) { group in
    group.addTask {
      for await _ in stream {}
      return !Task.isCancelled
    }
    group.addTask {
      try? await Task.sleep(for: timeout)
      return false
    }
    let first = await group.next() ?? false
    group.cancelAll()
    return first
  }
}

/// Waits until `condition` holds, checking every 10 ms, for at most `timeout`; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if await condition() { return true }
    try? await Task.sleep(for: .milliseconds(10))
  }
  return await condition()
}

/// The payloads of `messages` as text.
func texts(_ messages: [MQTTMessage]) -> [String] { messages.map(\.payloadString) }
