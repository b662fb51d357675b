import ArgumentParser

/// `edgehybrid demo`: the whole system live on one machine — models, server, a fleet, MQTT, retraining, OTA.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the whole system on this machine: train, serve, a simulated fleet, retraining and OTA.",
    discussion: """
      Trains the cloud and edge autoencoders on simulated MPU6050 windows (seconds), starts the server on \
      127.0.0.1:8000 with its SQLite store in --data-dir, and runs a fleet of simulated devices against it: \
      every device watches its own machine, some develop a fault, some drift slowly (healthy, but away from \
      what the edge model learned). Telemetry goes through mosquitto when it is installed (the demo starts \
      its own on a free port) and inside the process otherwise. Machine time runs --speed times faster than \
      the wall clock, so the server retrains after --retrain-after escalations within the run, rolls the \
      new edge model out to a canary device, then to everyone, over signed OTA updates.

      Open the dashboard URL it prints while it runs. Ctrl-C stops everything cleanly and still prints the \
      summary.

        edgehybrid demo
        edgehybrid demo --devices 16 --duration 300
        edgehybrid demo --no-mqtt --port 8080
      """)

  @OptionGroup var options: LiveSystemOptions

  func run() async throws {
    let system = try await LiveSystem.start(options)
    let report = try await system.runFleet()
    print(try await DemoSummary(report: report, cloud: system.cloud).text)
    try await system.stop()
  }
}
