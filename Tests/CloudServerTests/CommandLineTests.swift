import Foundation
import Learning
import Testing
import Wire

@testable import CloudServer

@Suite("edgehybrid devices, models and escalations commands", .serialized)
struct CommandLineTests {
  /// Runs the built `edgehybrid` with arguments; returns exit status, standard output and standard error.
  private static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = CrashRecoveryTests.executable
    process.arguments = arguments
    // Standard error goes to a file, so that neither stream can fill its pipe while the other is read.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cli-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let error = try FileHandle(forWritingTo: errorFile)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try error.close()
    return (
      process.terminationStatus, String(decoding: out, as: UTF8.self),
      try String(contentsOf: errorFile, encoding: .utf8)
    )
  }

  @Test("devices add prints a token once, list shows it, revoke disables it")
  func devices() throws {
    let directory = try TemporaryDirectory("edgehybrid-cli")
    defer { directory.remove() }
    let added = try Self.run(["devices", "add", "motor-01", "--data-dir", directory.url.path])
    #expect(added.status == 0, "\(added.error)")
    let token = added.output.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(token.hasPrefix("ehd_") && token.count > 40)
    #expect(try Self.run(["devices", "add", "motor-01", "--data-dir", directory.url.path]).status != 0)
    #expect(try Self.run(["devices", "list", "--data-dir", directory.url.path]).output.contains("motor-01"))
    #expect(try Self.run(["devices", "revoke", "motor-01", "--data-dir", directory.url.path]).status == 0)
    #expect(try Self.run(["devices", "list", "--data-dir", directory.url.path]).output.contains("revoked"))
    let stored = String(
      decoding: try Data(contentsOf: directory.url.appendingPathComponent(SQLiteDatabase.fileName)),
      as: UTF8.self)
    #expect(!stored.contains(token), "the database keeps only the token's hash")
  }

  @Test("models add, add-cloud, promote and list operate the registry")
  func models() throws {
    let directory = try TemporaryDirectory("edgehybrid-cli")
    defer { directory.remove() }
    let tflite = directory.url.appendingPathComponent("model.tflite")
    try TestModels.fakeTFLite(size: 900).write(to: tflite)
    let thresholds = directory.url.appendingPathComponent("thresholds.json")
    try JSONEncoder().encode(TestModels.thresholds(version: 1)).write(to: thresholds)
    let data = directory.url.appendingPathComponent("data").path
    let add = try Self.run([
      "models", "add", "--tflite", tflite.path, "--thresholds", thresholds.path, "--promote", "--data-dir",
      data,
    ])
    #expect(add.status == 0, "\(add.error)")

    let model = directory.url.appendingPathComponent("cloud.safetensors")
    try TestModels.cloud.model.save(to: model)
    let train = directory.url.appendingPathComponent("train.csv")
    let validation = directory.url.appendingPathComponent("validation.csv")
    try Self.csv(TestWindows.windows(count: 200, faulty: false, seed: 100), labels: nil).write(to: train)
    try Self.csv(
      TestWindows.windows(count: 50, faulty: false, seed: 7)
        + TestWindows.windows(count: 50, faulty: true, seed: 8),
      labels: Array(repeating: 0, count: 50) + Array(repeating: 1, count: 50)
    ).write(to: validation)
    let cloud = try Self.run([
      "models", "add-cloud", "--model", model.path, "--train", train.path, "--validation", validation.path,
      "--data-dir", data,
    ])
    #expect(cloud.status == 0, "\(cloud.error)")
    #expect(cloud.output.contains("registered cloud-1"))

    let listing = try JSONDecoder().decode(
      ModelsListing.self,
      from: Data(try Self.run(["models", "list", "--json", "--data-dir", data]).output.utf8))
    #expect(listing.edge.map(\.state) == [.current])
    #expect(listing.cloud.map(\.state) == [.current])
    #expect(listing.cloud.first?.card.validation.anomalies == 50)
    let rejected = try Self.run(["models", "reject", "1", "--reason", "x", "--data-dir", data])
    #expect(rejected.status != 0)
    #expect(rejected.error.contains("is current and cannot become rejected"))
  }

  @Test("escalations export --jsonl writes the lesson's lines and import reads them into another store")
  func exportImport() async throws {
    let source = try TemporaryDirectory("edgehybrid-cli")
    let target = try TemporaryDirectory("edgehybrid-cli")
    defer {
      source.remove()
      target.remove()
    }
    let store = try DataDirectory(source.url).escalationStore()
    let originals = (0..<5).map { index in
      StoredEscalation(
        deviceID: "motor-0\(index)", escalationID: index == 0 ? nil : "e-\(index)",
        receivedAt: WireTimestamp(millisecondsSince1970: 1_700_000_000_000 + Int64(index)),
        features: TestWindows.window(seed: UInt64(index)), edgeMSE: 0.125, edgeModelVersion: 2, cloudMSE: 0.5,
        classification: index % 2, confidence: 0.75, cloudModel: "cloud-1",
        operatorLabel: index == 3 ? 1 : nil)
    }
    _ = try await store.record(contentsOf: originals)
    await store.close()
    let file = source.url.appendingPathComponent("escalations.jsonl")
    let export = try Self.run([
      "escalations", "export", "--jsonl", "-o", file.path, "--data-dir", source.url.path,
    ])
    #expect(export.status == 0, "\(export.error)")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 5)
    let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any] ?? [:]
    for key in ["timestamp", "device_id", "features", "edge_mse", "cloud_classification", "cloud_confidence"]
    {
      #expect(first[key] != nil, "lesson key \(key)")
    }
    let imported = try Self.run(["escalations", "import", file.path, "--data-dir", target.url.path])
    #expect(imported.status == 0, "\(imported.error)")
    #expect(imported.output.contains("imported 5"))
    #expect(
      try Self.run(["escalations", "import", file.path, "--data-dir", target.url.path]).output.contains(
        "4 already stored"))
    let copy = try DataDirectory(target.url).escalationStore()
    let records = try await copy.escalations(EscalationQuery())
    await copy.close()
    #expect(records.count == 6, "the line without an escalation_id cannot be recognised as a repeat")
    for (original, record) in zip(originals, records) {
      #expect(record.deviceID == original.deviceID)
      #expect(record.features == original.features)
      #expect(record.receivedAt == original.receivedAt)
      #expect(record.classification == original.classification)
      #expect(record.operatorLabel == original.operatorLabel)
      #expect(record.escalationID == original.escalationID)
      #expect(record.edgeMSE == original.edgeMSE)
    }
  }

  private static func csv(_ windows: [[Float]], labels: [Int]?) -> Data {
    var text = ""
    for (index, window) in windows.enumerated() {
      let values = window.map { "\($0)" }.joined(separator: ",")
      text += (labels.map { "\($0[index])," } ?? "") + values + "\n"
    }
    return Data(text.utf8)
  }
}
