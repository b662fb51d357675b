import ArgumentParser
import CloudServer
import Foundation
import Wire

/// `edgehybrid devices add|list|revoke`: per-device bearer tokens.
struct DevicesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "devices",
    abstract: "Register devices and manage their bearer tokens.",
    discussion: """
      A device sends 'Authorization: Bearer <token>' with every request. The token is printed once by
      'add'; the server keeps only its SHA-256. A running server picks up changes within a second.

        edgehybrid devices add motor-01
        edgehybrid devices list
        edgehybrid devices revoke motor-01
      """,
    subcommands: [Add.self, List.self, Revoke.self])

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Register a device and print its token (once).")

    @Argument(help: "Device id: letters, digits, '.', '_' or '-', at most 64.")
    var deviceID: String

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      do {
        try WireValidation.checkDeviceID(deviceID)
      } catch {
        throw ValidationError(error.description)
      }
      let token = SecretToken.generate(prefix: SecretToken.devicePrefix)
      try await data.open().deviceStore.addDevice(
        DeviceRecord(deviceID: deviceID, tokenHash: SecretToken.hash(token), created: .now()))
      print(token)
      FileHandle.standardError.write(
        Data(
          "device \(deviceID) registered; the token above is shown only now — store it on the device\n".utf8))
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List registered devices.")

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let devices = try await data.open().deviceStore.devices()
      print("device".padding(toLength: 24, withPad: " ", startingAt: 0) + " created                   state")
      for device in devices {
        let state = device.revokedAt.map { "revoked \($0.iso8601)" } ?? "active"
        print(
          device.deviceID.padding(toLength: 24, withPad: " ", startingAt: 0)
            + " \(device.created.iso8601)  \(state)")
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke a device's token.")

    @Argument(help: "Device id.")
    var deviceID: String

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      guard try await data.open().deviceStore.revokeDevice(deviceID, at: .now()) else {
        throw ValidationError("unknown device \(deviceID) (or already revoked)")
      }
      print("revoked \(deviceID)")
    }
  }
}
