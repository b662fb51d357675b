import AsyncHTTPClient
import EdgeAgent
import Fleet
import Foundation
import Testing

@Suite struct FleetRunnerTests {
  @Test func fleetOfThreeDevicesAnswersOrQueuesEveryEscalation() async throws {
    let cloud = try await TestCloud.start()
    let client = HTTPClient.shared
    let directory = NSTemporaryDirectory() + "fleet-run-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let runner = FleetRunner(
      configuration: FleetConfiguration(
        devices: 3, windowsPerDevice: 80, zone: (1, 5), faultFraction: 1, seed: 4, dataDirectory: directory),
      machines: TestFleetModels.spec.machines, serverURL: cloud.url, client: client
    ) { _ in InProcessTelemetrySink { _ in } }
    let report = try await runner.run()
    let total = report.total
    #expect(report.devices.count == 3 && total.windows == 240)
    #expect(total.escalations > 0)
    #expect(report.devices.allSatisfy { $0.unaccounted == 0 })
    #expect(try await cloud.storedEscalations() == report.storedEscalations)
    #expect(report.table(perDevice: true).contains("sim-003"))
    let versions = total.versions.values
    #expect(versions.reduce(0) { $0 + $1.windows } == total.windows)
    #expect(versions.reduce(0) { $0 + $1.escalations } == total.escalations)
    #expect(versions.reduce(0) { $0 + $1.hybridCorrect } == total.hybridCorrect)
    await cloud.remove()
  }
}
