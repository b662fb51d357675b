import ArgumentParser
import CloudServer
import Foundation
import Vibration
import Wire

/// `edgehybrid escalations export|import|label`: the escalation store as the lesson's JSONL log.
struct EscalationsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "escalations",
    abstract: "Export, import and label the escalations the server stored.",
    discussion: """
      The JSONL format is the lesson's escalation log, one JSON object a line: timestamp, device_id,
      features, edge_mse, cloud_classification, cloud_confidence, plus cloud_mse, cloud_model,
      edge_model_version, escalation_id, operator_label, id.

        edgehybrid escalations export --jsonl > escalations.jsonl
        edgehybrid escalations import escalations.jsonl
        edgehybrid escalations label 42 0
      """,
    subcommands: [Export.self, Import.self, Label.self])

  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write every stored escalation as JSONL.")

    @Flag(help: "JSON Lines output (the lesson's format; the only one).")
    var jsonl = false

    @Option(name: .shortAndLong, help: "Output file. Default: standard output")
    var output: String?

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let store = try data.open().escalationStore()
      let stored = try await store.escalations(EscalationQuery())
      await store.close()
      let lines = stored.map(Vibration.EscalationRecord.init)
      if let output {
        try Vibration.EscalationLog.write(lines, to: URL(fileURLWithPath: output))
      } else {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
          "escalations-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try Vibration.EscalationLog.write(lines, to: temporary)
        FileHandle.standardOutput.write(try Data(contentsOf: temporary))
      }
      FileHandle.standardError.write(Data("exported \(stored.count) escalations\n".utf8))
    }
  }

  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Add the escalations of a JSONL log to the store (lines with a known escalation_id are skipped).",
      discussion: "Lines without cloud_mse get it from the current cloud model.")

    @Argument(help: "JSONL file.")
    var file: String

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let directory = try data.open()
      let lines = try Vibration.EscalationLog.read(at: URL(fileURLWithPath: file))
      let classifier = try await Self.currentClassifier(directory)
      let now = WireTimestamp.now()
      var records: [StoredEscalation] = []
      for (index, line) in lines.enumerated() {
        guard let record = StoredEscalation(line, classifier: classifier, now: now) else {
          throw ValidationError(
            "\(file): record \(index + 1) has no cloud_mse and no cloud model is registered to compute it")
        }
        records.append(record)
      }
      let store = directory.escalationStore()
      let outcomes = try await store.record(contentsOf: records)
      await store.close()
      let duplicates = outcomes.filter(\.isDuplicate).count
      print("imported \(outcomes.count - duplicates) escalations (\(duplicates) already stored)")
    }

    private static func currentClassifier(_ directory: DataDirectory) async throws -> CloudClassifier? {
      guard let cloud = try await directory.registry.snapshot().currentCloud else { return nil }
      let weights = directory.registry.files.cloudModelURL(fileName: cloud.card.modelFile)
      return CloudClassifier(
        scorer: try AutoencoderScorer.load(card: cloud.card, weights: weights), card: cloud.card)
    }
  }

  struct Label: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Set an operator label (0 normal, 1 anomaly, 'none' to clear); it overrides the cloud in retraining.")

    @Argument(help: "Escalation id (the 'id' of the export).")
    var id: Int64

    @Argument(help: "0, 1 or none.")
    var label: String

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let value: Int?
      switch label {
      case "0": value = 0
      case "1": value = 1
      case "none": value = nil
      default: throw ValidationError("label must be 0, 1 or none, got '\(label)'")
      }
      let store = try data.open().escalationStore()
      let found = try await store.setOperatorLabel(value, escalationID: id)
      await store.close()
      guard found else { throw ValidationError("no escalation with id \(id)") }
      print("escalation \(id) labelled \(label)")
    }
  }
}
