// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "EdgeHybrid",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "edgehybrid", targets: ["edgehybrid"]),
    .library(name: "EdgeCore", targets: ["EdgeCore"]),
    .library(name: "Learning", targets: ["Learning"]),
    .library(name: "Vibration", targets: ["Vibration"]),
    .library(name: "MQTT", targets: ["MQTT"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
  ],
  targets: [
    // Firmware: Swift stdlib only, no Foundation, must build under Embedded Swift.
    .target(name: "EdgeCore"),
    .target(name: "Learning", dependencies: ["EdgeCore"]),
    .target(name: "Vibration"),
    .target(
      name: "MQTT",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "edgehybrid",
      dependencies: [
        "EdgeCore", "Learning", "Vibration",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(name: "EdgeCoreTests", dependencies: ["EdgeCore"]),
    .testTarget(name: "LearningTests", dependencies: ["Learning", "EdgeCore"]),
    .testTarget(name: "VibrationTests", dependencies: ["Vibration"]),
    .testTarget(name: "MQTTTests", dependencies: ["MQTT"]),
    .testTarget(name: "EdgehybridTests", dependencies: ["edgehybrid"]),
  ]
)
