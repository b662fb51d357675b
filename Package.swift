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
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // Firmware: Swift stdlib only, no Foundation, must build under Embedded Swift.
    .target(name: "EdgeCore"),
    .target(name: "Learning", dependencies: ["EdgeCore"]),
    .target(name: "Vibration"),
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
    .testTarget(name: "EdgehybridTests", dependencies: ["edgehybrid"]),
  ]
)
