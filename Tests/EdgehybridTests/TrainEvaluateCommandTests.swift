import Foundation
import Testing

@testable import edgehybrid

@Suite struct TrainEvaluateCommandTests {
  @Test func simulateTrainAndEvaluateProduceModelsThresholdsAndADecisionTable() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let data = directory.appendingPathComponent("data").path
    let simulated = try CommandLineTool.run([
      "simulate", "--out", data, "--train", "400", "--val", "100", "--test-normal", "150", "--test-faults", "150",
      "--marginal", "0", "--format", "npy",
    ])
    #expect(simulated.status == 0, "\(simulated.stderr)")

    for preset in ["edge", "cloud"] {
      let trained = try CommandLineTool.run([
        "train", "--data", data, "--preset", preset, "--epochs", "8",
        "--out", directory.appendingPathComponent("\(preset).safetensors").path,
      ])
      #expect(trained.status == 0, "\(trained.stderr)")
      #expect(trained.stdout.contains("low"))
      let thresholds = try JSONSerialization.jsonObject(
        with: Data(contentsOf: directory.appendingPathComponent("\(preset).thresholds.json"))) as? [String: Any]
      let low = try #require(thresholds?["low_threshold"] as? Double)
      let high = try #require(thresholds?["high_threshold"] as? Double)
      #expect(low < high)
    }

    let evaluated = try CommandLineTool.run([
      "evaluate", "--edge", directory.appendingPathComponent("edge.safetensors").path,
      "--cloud", directory.appendingPathComponent("cloud.safetensors").path,
      "--test", "\(data)/test_X.npy", "--json",
    ])
    #expect(evaluated.status == 0, "\(evaluated.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
    #expect(report["windows"] as? Int == 300)
    let rankings = try #require(report["rankings"] as? [[String: Any]])
    #expect(rankings.count == 2)
    for ranking in rankings {
      let auc = try #require((ranking["metrics"] as? [String: Any])?["roc_auc"] as? Double)
      #expect(auc > 0.5, "a model trained on normal windows ranks faults above normals")
    }
  }

  @Test func trainingOnAFileWithTheWrongWindowWidthNamesTheFileAndTheExpectedWidth() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let csv = directory.appendingPathComponent("short.csv")
    try "0.1,0.2,0.3,0.4,0.5,0.6\n0.1,0.2,0.3,0.4,0.5,0.6\n".write(to: csv, atomically: true, encoding: .utf8)
    let outcome = try CommandLineTool.run(["train", "--train", csv.path, "--epochs", "1"])
    #expect(outcome.status != 0)
    #expect(outcome.stderr.contains("short.csv:1"))
    #expect(outcome.stderr.contains("expected 300"))
  }

  @Test func aMalformedCSVFailsNamingTheFileAndLine() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let csv = directory.appendingPathComponent("bad.csv")
    let good = Array(repeating: "0.5", count: 6).joined(separator: ",")
    try [good, good, "0.5,abc,0.5,0.5,0.5,0.5"].joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
    let outcome = try CommandLineTool.run(["train", "--train", csv.path, "--samples", "2", "--epochs", "1"])
    #expect(outcome.status != 0)
    #expect(outcome.stderr.contains("bad.csv:3"))
  }
}
