import Foundation

/// The same publishing job done by other clients, to put `MQTTClient`'s rate in context:
/// `mosquitto_pub -l` (C, libmosquitto) and paho-mqtt (Python).
public enum MQTTReferencePublishers {
  /// Runs `mosquitto_pub -l` on `messages` sample payloads (one a line) with `-M window` in flight.
  /// Its time includes starting the process and connecting (a few milliseconds).
  public static func measureMosquittoPub(
    host: String, port: Int, messages: Int, qos: MQTTQoS, window: Int = 20
  ) async throws(MQTTThroughputError) -> MQTTThroughput.Measurement {
    try await measure(
      "mosquitto_pub", program: "mosquitto_pub", hint: "install mosquitto-clients", messages: messages,
      qos: qos,
      payloadsOnStandardInput: true,
      arguments: { _ in
        [
          "-h", host, "-p", "\(port)", "-t", MQTTThroughput.topic, "-q", "\(qos.rawValue)", "-l",
          "-M", "\(window)", "-i", "mosquitto-pub-bench-\(UInt32.random(in: 0...UInt32.max))",
        ]
      },
      duration: { _, wallTime in wallTime })
  }

  /// Runs a paho-mqtt (Python) publisher on the same payloads with `window` in flight; it times
  /// itself from the first publish to the last acknowledgement. Needs `pip install paho-mqtt`.
  public static func measurePaho(
    host: String, port: Int, messages: Int, qos: MQTTQoS, window: Int = 20
  ) async throws(MQTTThroughputError) -> MQTTThroughput.Measurement {
    try await measure(
      "paho-mqtt", program: "python3", hint: "install Python 3 and pip install paho-mqtt", messages: messages,
      qos: qos, payloadsOnStandardInput: false,
      arguments: { payloads in
        [
          "-c", pahoScript, host, "\(port)", "\(qos.rawValue)", "\(window)", payloads.path,
          MQTTThroughput.topic,
        ]
      },
      duration: { output, _ in
        Double(output.trimmingCharacters(in: .whitespacesAndNewlines)).map { .nanoseconds(Int64($0 * 1e9)) }
      })
  }

  /// Runs `program` on a file of `messages` sample payloads and turns its output and wall time into
  /// a measurement (`duration` returns nil when the output is not what a successful run prints).
  private static func measure(
    _ publisher: String, program: String, hint: String, messages: Int, qos: MQTTQoS,
    payloadsOnStandardInput: Bool, arguments: (_ payloads: URL) -> [String],
    duration: (_ output: String, _ wallTime: Duration) -> Duration?
  ) async throws(MQTTThroughputError) -> MQTTThroughput.Measurement {
    let executable = try find(program, hint: hint)
    let payloads = try writePayloadFile(messages: messages)
    defer { try? FileManager.default.removeItem(at: payloads) }
    let start = ContinuousClock.now
    let result = try await run(
      executable, arguments(payloads), standardInput: payloadsOnStandardInput ? payloads : nil)
    let wallTime = ContinuousClock.now - start
    guard result.status == 0, let measured = duration(result.output, wallTime) else {
      throw MQTTThroughputError(
        "\(publisher) failed with status \(result.status) (\(hint)): \(result.output)")
    }
    return MQTTThroughput.Measurement(
      publisher: publisher, qos: qos, messages: messages,
      payloadBytes: MQTTThroughput.samplePayload(sequence: 0).utf8.count, duration: measured)
  }

  private static let pahoScript = """
    import sys, threading, time
    import paho.mqtt.client as mqtt
    host, port, qos, window, path, topic = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
    payloads = [line for line in open(path, "rb").read().split(b"\\n") if line]
    connected = threading.Event()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="paho-bench")
    client.on_connect = lambda *args: connected.set()
    client.max_inflight_messages_set(window)
    client.max_queued_messages_set(0)
    client.connect(host, port)
    client.loop_start()
    connected.wait(10)
    start = time.perf_counter()
    infos = [client.publish(topic, payload, qos=qos) for payload in payloads]
    for info in infos:
        info.wait_for_publish()
    elapsed = time.perf_counter() - start
    client.disconnect()
    client.loop_stop()
    print(elapsed)
    """

  private static func writePayloadFile(messages: Int) throws(MQTTThroughputError) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mqtt-bench-\(UInt32.random(in: 0...UInt32.max)).txt")
    let text = (0..<messages).map { MQTTThroughput.samplePayload(sequence: $0) + "\n" }.joined()
    do {
      try text.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      throw MQTTThroughputError("cannot write the payload file \(url.path): \(error)")
    }
    return url
  }

  private static func find(_ name: String, hint: String) throws(MQTTThroughputError) -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
    for directory in directories {
      let file = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: file) { return URL(fileURLWithPath: file) }
    }
    throw MQTTThroughputError("\(name) not found in PATH; \(hint)")
  }

  private static func run(
    _ executable: URL, _ arguments: [String], standardInput: URL?
  ) async throws(MQTTThroughputError) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    do {
      if let standardInput { process.standardInput = try FileHandle(forReadingFrom: standardInput) }
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        process.terminationHandler = { _ in continuation.resume() }
        do {
          try process.run()
        } catch {
          process.terminationHandler = nil
          continuation.resume(throwing: error)
        }
      }
    } catch {
      throw MQTTThroughputError("cannot run \(executable.path): \(error)")
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (process.terminationStatus, text)
  }
}

/// Why a throughput run could not be made, with what to install or check.
public struct MQTTThroughputError: Error, Sendable, CustomStringConvertible {
  /// What went wrong and what to do.
  public var description: String

  init(_ description: String) { self.description = description }
}
