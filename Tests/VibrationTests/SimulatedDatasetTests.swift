import Foundation
import Testing

@testable import Vibration

@Suite("Simulated datasets")
struct SimulatedDatasetTests {
  let spec = SimulatedDatasetSpec(
    seed: 99, machineCount: 3, trainCount: 40, validationCount: 10, testNormalCount: 16, testFaultCount: 16,
    marginalCount: 8)

  @Test("sets have the asked sizes, labels and ground truth; test faults are spread over all modes")
  func shapes() {
    let data = SimulatedDataset(spec: spec)
    #expect(
      data.train.count == 40 && data.validation.count == 10 && data.test.count == 32
        && data.marginal.count == 8)
    #expect(data.train.labels == Array(repeating: 0, count: 40))
    #expect(data.test.labels!.filter { $0 == 1 }.count == 16)
    #expect(data.marginal.labels == Array(repeating: 1, count: 8))
    let modes = data.test.faultModes!.compactMap { $0 }
    #expect(FaultMode.allCases.allSatisfy { mode in modes.filter { $0 == mode }.count == 4 })
    for (label, severity) in zip(data.test.labels!, data.test.severities!) {
      #expect(label == 0 ? severity == 0 : (0.05...1).contains(severity))
    }
    #expect(data.marginal.severities!.allSatisfy { (0.1...0.3).contains($0) })
    #expect(zip(data.test.labels!, data.test.faultModes!).allSatisfy { ($0 == 1) == ($1 != nil) })
    #expect(data.train.format == .lesson && data.train.width == 300)
  }

  @Test("the same spec gives the same bytes; another seed gives other windows")
  func determinism() {
    let first = SimulatedDataset(spec: spec)
    let second = SimulatedDataset(spec: spec)
    #expect(first.train == second.train && first.test == second.test && first.marginal == second.marginal)
    var other = spec
    other.seed = 100
    #expect(SimulatedDataset(spec: other).train.values != first.train.values)
  }

  @Test("the fleet's machines differ from each other and stay within the spec's speed range")
  func fleet() {
    let machines = SimulatedDatasetSpec(seed: 5, machineCount: 6).machines
    #expect(Set(machines.map(\.shaftSpeedRPM)).count == 6)
    #expect(machines.allSatisfy { (1400...1800).contains($0.shaftSpeedRPM) })
    #expect(machines.allSatisfy { $0.lineFrequencyHz == ($0.shaftSpeedRPM < 1500 ? 50 : 60) })
  }

  @Test("writing a dataset produces CSV, NPY and a manifest that read back to the same sets")
  func writeAndRead() throws {
    let directory = TemporaryDirectory()
    let data = SimulatedDataset(spec: spec)
    let manifest = try data.write(to: directory.url)
    #expect(manifest.counts == ["train": 40, "val": 10, "test": 32, "marginal": 8])
    for name in manifest.files {
      #expect(
        FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(name).path), "\(name)")
    }
    let csv = try WindowSet.readCSV(at: directory.file("test.csv"), format: .lesson)
    #expect(csv.values == data.test.values && csv.labels == data.test.labels)
    #expect(try WindowSet.read(contentsOf: directory.file("test_X.npy"), format: .lesson) == data.test)
    let train = try WindowSet.read(contentsOf: directory.file("train_X.npy"), format: .lesson)
    #expect(train.values == data.train.values && train.labels == data.train.labels && train.faultModes == nil)
    let decoded = try JSONDecoder().decode(
      SimulationManifest.self, from: Data(contentsOf: directory.file("manifest.json")))
    #expect(decoded == manifest)
    #expect(SimulatedDataset(spec: decoded.spec).test == data.test)
  }

  @Test("fault-type codes follow the reference: 1 imbalance, 2 misalignment, 3 looseness, 4 bearing")
  func faultCodes() {
    #expect(FaultMode.allCases.map(\.code) == [1, 2, 3, 4])
    #expect(FaultMode(code: 0) == nil && FaultMode(code: 4) == .bearing && FaultMode(code: 5) == nil)
    #expect(Fault(.bearing, severity: 3).severity == 1)
  }
}
