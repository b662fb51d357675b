import EdgeCore
import Learning
import Testing

@Suite struct TFLiteErrorDescriptionTests {
  @Test func messagesNameTheNumbersNeededToFindTheProblem() {
    #expect(TFLiteError.bufferSize(tensor: 8, expected: 5100, actual: 4800).description.contains("tensor 8"))
    #expect(TFLiteError.bufferSize(tensor: 8, expected: 5100, actual: 4800).description.contains("5100"))
    #expect(
      TFLiteError.outOfBounds(field: .tensorShape, offset: 1234).description.contains(
        "Tensor.shape at byte 1234"))
    #expect(
      TFLiteError.unsupportedOperator(operator: 2, builtinCode: 3).description.contains("FULLY_CONNECTED"))
  }

  @Test func quantizationMessagesSayWhatIsWrong() {
    let message = TFLiteError.badQuantization(tensor: 8, .asymmetricWeights).description
    #expect(message.contains("tensor 8") && message.contains("symmetric"))
  }
}
