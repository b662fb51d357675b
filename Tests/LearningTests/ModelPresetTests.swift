import Learning
import Testing

@Suite struct ModelPresetTests {
  @Test func presetsHaveTheReferenceShapesAndParameterCounts() {
    let edge = DenseNetwork(layerSizes: ModelPreset.edge.layerSizes(featureCount: 300), seed: 1)
    let cloud = DenseNetwork(layerSizes: ModelPreset.cloud.layerSizes(featureCount: 300), seed: 1)
    #expect(edge.layerSizes == [300, 16, 8, 16, 300])
    #expect(cloud.layerSizes == [300, 72, 36, 18, 36, 72, 300])
    // The Keras reference models' counts: 10,196 and 50,214 (~12 KB as int8, ~200 KB as float32).
    #expect(edge.parameterCount == 10_196)
    #expect(cloud.parameterCount == 50_214)
    #expect(edge.activations == [.relu, .relu, .relu, .linear])
    #expect(ModelPreset(named: "cloud") == .cloud && ModelPreset(named: "tiny") == nil)
  }

  @Test func glorotInitializationStaysWithinItsLimitAndBiasesStartAtZero() {
    let network = DenseNetwork(layerSizes: [300, 16, 300], seed: 3)
    let limit = (6 / Float(316)).squareRoot()
    for layer in network.layers {
      #expect(layer.weights.values.allSatisfy { abs($0) <= limit })
      #expect(layer.bias.allSatisfy { $0 == 0 })
    }
    #expect(network.layers[0].weights.values.max()! > 0.9 * limit)
  }
}
