import EdgeCore
import Foundation
import Testing

@Suite struct SHA256HasherTests {
  private func hex(_ digest: SHA256Hash) -> String {
    digest.array.map { String(format: "%02x", $0) }.joined()
  }

  @Test func hashesTheFIPSVectorABC() {
    #expect(
      hex(SHA256Hasher.hash(Array("abc".utf8)))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func hashesTheEmptyMessage() {
    #expect(hex(SHA256Hasher.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func hashesThe448BitVectorThatNeedsASecondPaddingBlock() {
    let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      hex(SHA256Hasher.hash(Array(message.utf8)))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func hashesTheFIPS896BitVector() {
    let message =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
    #expect(
      hex(SHA256Hasher.hash(Array(message.utf8)))
        == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
  }

  @Test func hashesOneMillionAs() {
    var hasher = SHA256Hasher()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { hasher.update(chunk) }
    #expect(hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func givesTheSameDigestFedInPiecesAsInOneCall() {
    var generator = SplitMix64(seed: 256)
    let bytes = (0..<150).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let whole = SHA256Hasher.hash(bytes)
    for split in 0...bytes.count {
      var hasher = SHA256Hasher()
      hasher.update(Array(bytes[..<split]))
      hasher.update(Array(bytes[split...]))
      #expect(hasher.finalize() == whole, "split at \(split)")
    }
  }

  @Test func agreesWithSha256sumAtEveryPaddingBoundary() throws {
    let tool = URL(fileURLWithPath: "/usr/bin/sha256sum")
    try #require(FileManager.default.isExecutableFile(atPath: tool.path), "coreutils sha256sum is needed")
    for length in [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000] {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
      let process = Process()
      process.executableURL = tool
      let input = Pipe()
      let output = Pipe()
      process.standardInput = input
      process.standardOutput = output
      try process.run()
      input.fileHandleForWriting.write(Data(bytes))
      try input.fileHandleForWriting.close()
      process.waitUntilExit()
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(text.hasPrefix(hex(SHA256Hasher.hash(bytes))), "length \(length)")
    }
  }

  @Test func digestsDifferingInOneByteAreUnequal() throws {
    let digest = SHA256Hasher.hash(Array("abc".utf8))
    for index in 0..<SHA256Hash.byteCount {
      var other = digest.array
      other[index] ^= 0x01
      #expect(try #require(SHA256Hash(other)) != digest)
    }
    #expect(SHA256Hash([1, 2, 3]) == nil)
  }
}
