import EdgeCore
import Learning
import Testing

@Suite struct FrontEndKindNameTests {
  @Test func frontEndNamesRoundTripAndUnknownNamesAreRejected() {
    for kind in FrontEndKind.allCases { #expect(FrontEndKind(name: kind.name) == kind) }
    #expect(FrontEndKind(name: "mfcc") == nil)
  }
}
