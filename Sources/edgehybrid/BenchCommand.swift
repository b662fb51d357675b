import ArgumentParser

/// `edgehybrid bench`: performance measurements that print one JSON object each.
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmarks: each prints one JSON object with figures and ratios to a baseline run beside it.",
    discussion: """
      Machines are shared and noisy: every benchmark measures its baseline in the same run and reports \
      ratios, so figures from different runs can be compared.
      """,
    subcommands: [
      BenchTrainCommand.self, BenchEdgeCommand.self, BenchServerCommand.self, BenchRetrainCommand.self, BenchMQTTCommand.self,
    ]
  )
}
