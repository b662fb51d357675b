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
    .library(name: "Wire", targets: ["Wire"]),
    .library(name: "CloudServer", targets: ["CloudServer"]),
    .library(name: "EdgeAgent", targets: ["EdgeAgent"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
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
    // The types that cross the network: one definition for device, server and tests.
    .target(name: "Wire"),
    .target(
      name: "CloudServer",
      dependencies: [
        "Learning", "Wire", "MQTT", "EdgeCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The device runtime on Linux/macOS: sensors, tiered loop, escalation, OTA, telemetry.
    .target(
      name: "EdgeAgent",
      dependencies: [
        "EdgeCore", "Wire", "MQTT",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Many simulated devices in one process, and the experiments that compare zones and modes.
    .target(
      name: "Fleet",
      dependencies: [
        "EdgeAgent", "EdgeCore", "Vibration", "Wire", "Learning",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "edgehybrid",
      dependencies: [
        "EdgeCore", "Learning", "Vibration", "Wire", "MQTT", "CloudServer", "EdgeAgent", "Fleet",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]
    ),
    .testTarget(name: "EdgeCoreTests", dependencies: ["EdgeCore"]),
    .testTarget(name: "LearningTests", dependencies: ["Learning", "EdgeCore"]),
    .testTarget(name: "VibrationTests", dependencies: ["Vibration"]),
    .testTarget(name: "MQTTTests", dependencies: ["MQTT", "EdgeCore"]),
    .testTarget(name: "WireTests", dependencies: ["Wire", "EdgeCore"]),
    .testTarget(
      name: "EdgeAgentTests",
      dependencies: ["EdgeAgent", "EdgeCore", "Wire", "MQTT", "CloudServer", "Learning", "Vibration"]
    ),
    .testTarget(
      name: "FleetTests",
      dependencies: [
        "Fleet", "EdgeAgent", "EdgeCore", "Wire", "CloudServer", "Learning", "Vibration",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOFoundationCompat", package: "swift-nio"),
      ]
    ),
    .testTarget(
      name: "CloudServerTests",
      dependencies: [
        "CloudServer", "Wire", "Learning", "MQTT", "EdgeCore",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .testTarget(name: "EdgehybridTests", dependencies: ["edgehybrid", "EdgeCore", "Learning", "Vibration"]),
  ]
)
