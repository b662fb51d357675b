import AsyncHTTPClient
import CloudServer
import EdgeAgent
import Fleet
import Foundation
import Testing
import Vibration
import Wire

@testable import edgehybrid

/// Issue #7's scenario end to end, on the demo's models and server: a drifting fleet, automatic retraining,
/// gate, canary, promotion, and a poisoned retrain that must not reach anyone.
@Suite("Retraining scenario", .serialized, .timeLimit(.minutes(10)))
struct RetrainingScenarioTests {
  static let devices = 4
  static let windowsPerDevice = 1_200

  /// The demo's training set: the machines the fleet runs on, normal windows to train, labelled ones to
  /// calibrate the cloud and gate candidates.
  static let spec = FleetOptions.trainingSpec(seed: 4242)

  /// A fleet of one kind of trained machine, healthy but drifting: by the end of a phase its vibration has
  /// grown 15 % and its speed shifted 1 %, a change the first model never saw. The kind is the third of the
  /// demo's eight, the one whose drift the first model notices (the others' stays inside the normal zone, so
  /// they would escalate nothing to learn from). Each device watches its own pump (its own seed).
  static func driftingFleet(_ machines: [MachineProfile]) -> [MachineProfile] {
    let hours = Double(windowsPerDevice) * WindowFormat.lesson.windowSeconds / 3600
    var machine = machines[2]
    machine.drift = MachineDrift(vibrationGrowthPerHour: 0.15 / hours, speedShiftPerHour: 0.01 / hours)
    return [machine]
  }

  /// One phase: every device boots, reads the same seeded windows of its drifting, healthy machine in virtual
  /// time, and reports in-process to the server's fleet state.
  static func phase(_ cloud: LocalCloud, machines: [MachineProfile], directory: URL) async throws
    -> FleetReport
  {
    try await run(cloud, machines: machines, directory: directory, windows: windowsPerDevice, speed: nil)
  }

  /// A short paced run in which every device boots and takes the update the server offers it (a device that
  /// has a model checks beside its loop, so in virtual time it would finish before the download does).
  static func update(_ cloud: LocalCloud, machines: [MachineProfile], directory: URL) async throws {
    _ = try await run(cloud, machines: machines, directory: directory, windows: 20, speed: 20)
  }

  static func run(
    _ cloud: LocalCloud, machines: [MachineProfile], directory: URL, windows: Int, speed: Double?
  ) async throws -> FleetReport {
    let fleet = cloud.server.fleet
    return try await FleetRunner(
      configuration: FleetConfiguration(
        devices: devices, windowsPerDevice: windows, speed: speed, faultFraction: 0, seed: 17,
        dataDirectory: directory.path, statusIntervalMS: 5_000),
      machines: machines, serverURL: cloud.url, client: HTTPClient.shared
    ) { _ in InProcessTelemetrySink { await fleet.ingest($0) } }.run()
  }

  @Test(
    "a drifted fleet retrains at the escalation count, the new model passes the gate, goes to the canary and then to everyone, and escalates less on the same data with no worse edge accuracy; a poisoned retrain is stopped"
  )
  func driftedFleetRetrainsAndRollsOutAndPoisonIsStopped() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "retraining-scenario-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let models = try FleetModels.train(spec: Self.spec, epochs: 200)
    let retrainAfter = 150
    // The server's own loop would call `tick()` every few seconds; the test turns it by hand, so that each
    // phase sees a settled registry.
    let cloud = try await LocalCloud.start(
      models: models, directory: directory.appendingPathComponent("server"),
      retraining: ServerRetraining(
        base: RetrainingBaseData(
          normalWindows: models.trainWindows, validationWindows: models.validationWindows,
          validationLabels: models.validationLabels),
        trigger: RetrainingTrigger(escalationCount: retrainAfter),
        rollout: RolloutPolicy(minimumWindows: 300), automatic: false),
      canaryFraction: 0.25)
    let retrainer = try #require(cloud.server.retrainer)
    let machines = Self.driftingFleet(models.spec.machines)
    let devicesDirectory = directory.appendingPathComponent("devices")

    // Phase A: everyone runs v1; the drift makes windows ambiguous and they escalate. The cloud model, trained
    // on the same undrifted machines, calls most of them anomalous or is unsure; maintenance finds the machines
    // healthy and an operator labels what they escalated normal.
    #expect(try await retrainer.due() == nil)
    let before = try await Self.phase(cloud, machines: machines, directory: devicesDirectory)
    #expect(before.total.versions.keys.sorted() == [1])
    #expect(before.total.escalations >= retrainAfter, "\(before.table(perDevice: true))")
    let labelled = try await Self.labelEverythingNormal(cloud)
    #expect(labelled == before.storedEscalations)
    #expect(try await retrainer.due() != nil, "\(labelled) new escalations must trigger a retrain")
    let cycle = try #require(try await retrainer.tick(), "the trigger did not start a cycle")
    #expect(cycle.report.version == 2 && cycle.state == .canary, "\(cycle.report.gate.reason)")
    #expect(cycle.report.samples.operatorLabelled == labelled)
    #expect(cycle.report.gate.passed)

    // Phase B: the canary cohort boots into v2, the rest stay on v1; the controller compares and promotes.
    try await Self.update(cloud, machines: machines, directory: devicesDirectory)
    let canaryPhase = try await Self.phase(cloud, machines: machines, directory: devicesDirectory)
    let canaryDevices = canaryPhase.devices.filter { $0.versions[2] != nil }.map(\.deviceID)
    #expect(!canaryDevices.isEmpty && canaryDevices.count < Self.devices, "canary devices: \(canaryDevices)")
    _ = try await retrainer.tick()
    let registry = try await cloud.server.registry.snapshot()
    #expect(registry.currentEdge?.version == 2, "v2: \(registry.edgeModel(version: 2)?.reason ?? "")")
    let path = registry.events.filter { $0.model == .edge && $0.version == 2 }.map(\.to)
    #expect(path == [.candidate, .canary, .current], "\(path)")

    // Phase C: everyone boots into v2 and reads the very windows of phase A.
    try await Self.update(cloud, machines: machines, directory: devicesDirectory)
    let after = try await Self.phase(cloud, machines: machines, directory: devicesDirectory)
    // (The tick that promoted v2 may already have trained v3 from phase B's escalations and made it the next
    // canary: its devices are left out of the comparison.)
    #expect(after.devices.allSatisfy { $0.versions[1] == nil }, "\(after.table(perDevice: true))")
    let onV2 = Set(after.devices.filter { $0.versions.keys.sorted() == [2] }.map(\.deviceID))
    #expect(onV2.count >= Self.devices - 1, "devices that ran v2 throughout: \(onV2.sorted())")
    let v1 = Self.tally(before, version: 1, devices: onV2)
    let v2 = Self.tally(after, version: 2, devices: onV2)
    #expect(v2.windows == v1.windows && v1.windows > 0)
    #expect(
      v2.escalationRate < v1.escalationRate, "escalation v1 \(v1.escalationRate) → v2 \(v2.escalationRate)")
    #expect(v2.edgeAccuracy >= v1.edgeAccuracy, "edge accuracy v1 \(v1.edgeAccuracy) → v2 \(v2.edgeAccuracy)")

    // Poison: an operator imports a log of real faults labelled normal; the retrain it feeds must reach no one.
    let poison = try Self.writeMislabelledFaults(machines: models.spec.machines, in: directory)
    let imported = try CommandLineTool.run([
      "escalations", "import", poison.path, "--data-dir", directory.appendingPathComponent("server").path,
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    let poisoned = try #require(
      try await retrainer.tick(), "the mislabelled faults did not trigger a retrain")
    #expect(poisoned.report.samples.operatorLabelled >= 400)
    if poisoned.state == .canary {
      _ = try await Self.phase(cloud, machines: machines, directory: devicesDirectory)
      _ = try await retrainer.tick()
      let outcome = try await cloud.server.registry.snapshot().edgeModel(version: poisoned.report.version)
      #expect(outcome?.state == .rolledBack, "poisoned v\(poisoned.report.version): \(outcome?.reason ?? "")")
    } else {
      #expect(poisoned.state == .candidate)
      #expect(!poisoned.report.gate.passed, "\(poisoned.report.gate.reason)")
    }
    #expect(try await cloud.server.registry.snapshot().currentEdge?.version == 2)
    try await cloud.stop()
  }

  /// What `devices` decided with `version` in a phase, together.
  static func tally(_ report: FleetReport, version: Int, devices: Set<String>) -> VersionTally {
    var total = VersionTally()
    for device in report.devices where devices.contains(device.deviceID) {
      if let part = device.versions[version] { total.add(part) }
    }
    return total
  }

  /// Labels every stored escalation normal through the admin route, as an operator would; returns how many.
  static func labelEverythingNormal(_ cloud: LocalCloud) async throws -> Int {
    let stored = try await cloud.server.escalations.escalations(EscalationQuery())
    for escalation in stored {
      var request = HTTPClientRequest(url: cloud.url + "/escalations/\(try #require(escalation.id))/label")
      request.method = .POST
      request.body = .bytes(Data(#"{"label":"normal"}"#.utf8))
      request.headers.add(name: "Content-Type", value: "application/json")
      request.headers.add(name: "Authorization", value: "Bearer \(cloud.server.adminToken)")
      let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
      #expect(response.status == .ok)
    }
    return stored.count
  }

  /// Writes a lesson-format escalation log of moderate to severe faults of every mode on the fleet's machines
  /// (from a seed of their own), each labelled normal by an "operator".
  static func writeMislabelledFaults(machines: [MachineProfile], in directory: URL) throws -> URL {
    let records = machines.enumerated().flatMap { index, machine in
      var simulator = MotorSimulator(machine: machine, seed: 900 + UInt64(index))
      return (0..<100).map { step in
        let fault = Fault(
          FaultMode.allCases[step % FaultMode.allCases.count], severity: 0.4 + 0.006 * Float(step))
        return EscalationRecord(
          timestamp: EscalationTimestamp(date: Date()), deviceID: "poisoner",
          features: simulator.nextWindow(fault: fault),
          edgeMSE: 0.5, cloudClassification: 1, cloudConfidence: 0.99,
          escalationID: "poison-\(index)-\(step)",
          operatorLabel: 0)
      }
    }
    let url = directory.appendingPathComponent("mislabelled.jsonl")
    try EscalationLog.write(records, to: url)
    return url
  }
}
