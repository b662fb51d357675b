import Foundation
import Testing
import Wire

@testable import CloudServer

@Suite("The lesson's firmware against --allow-anonymous-devices", .serialized)
struct LessonFirmwareTests {
  @Test("normal and faulty windows in the lesson's JSON get the cloud model's verdicts, nearly all right")
  func lessonDeviceGetsCorrectAnswers() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let normals = TestWindows.windows(count: 20, faulty: false, seed: 1_000)
    let faults = TestWindows.windows(count: 20, faulty: true, seed: 2_000)
    var right = 0
    for (label, windows) in [(0, normals), (1, faults)] {
      for window in windows {
        let reply = try await server.send(
          .POST, "/classify",
          body: TestWindows.lessonBody(deviceID: "esp32-01", features: window, edgeMSE: 0.15),
          token: nil)
        #expect(reply.status == 200, "\(reply.error)")
        let answer = try reply.decode(ClassifyResponse.self)
        let expected = server.classifier.classify([window])[0]
        #expect(answer.classification == expected.classification)
        #expect(answer.confidence == expected.confidence)
        #expect(answer.label == (answer.classification == 1 ? "anomaly" : "normal"))
        #expect(answer.cloudModel == "cloud-1")
        if answer.classification == label {
          right += 1
          #expect(answer.confidence > 0.5, "a right verdict on clearly separated data is confident")
        }
      }
    }
    #expect(right >= 38, "\(right) of 40 verdicts right")
    #expect(try await server.storedCount() == 40)
    let version = try await server.send(.GET, "/model/version").decode(ModelVersionResponse.self)
    #expect(version.version == 1)
    #expect(try await server.send(.GET, "/model/download").body == server.edgeModel)
    try await server.stop()
  }
}
