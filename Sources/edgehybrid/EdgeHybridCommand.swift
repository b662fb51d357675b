import ArgumentParser

/// The one command-line tool: simulate, train, evaluate, benchmark, serve and run devices.
@main
struct EdgeHybridCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edgehybrid",
    abstract: "Edge–cloud hybrid anomaly detection for machine vibration.",
    discussion: """
      A device runs a tiny int8 autoencoder on each vibration window and decides locally when the
      reconstruction error is clearly normal or clearly anomalous; only the ambiguous zone goes to
      the cloud's larger float32 model.

      Start with `edgehybrid demo`.
      """,
    subcommands: [
      DemoCommand.self, SimulateCommand.self, TrainCommand.self, EvaluateCommand.self, QuantizeCommand.self,
      InspectCommand.self, InferCommand.self, ServeCommand.self, RetrainCommand.self, ModelsCommand.self, DevicesCommand.self, EscalationsCommand.self, DeviceCommand.self,
      FleetCommand.self, ExperimentCommand.self, BenchCommand.self,
    ]
  )
}
