import Foundation
import Hummingbird
import Wire

/// `GET /model/…`: what devices fetch to stay up to date.
extension ServerCore {
  func addModelRoutes(to router: Router<BasicRequestContext>) {
    router.get("/model/version") { request, _ in
      JSONResponse.make(bytes: try self.model(for: request).versionJSON.readableBytesView)
    }
    router.get("/model/thresholds") { request, _ in
      JSONResponse.make(bytes: try self.model(for: request).thresholdsJSON.readableBytesView)
    }
    router.get("/model/manifest") { request, _ in
      let model = try self.model(for: request)
      guard let manifest = model.manifestJSON else {
        throw APIError(
          .notFound,
          "edge model v\(model.record.version) has no signed manifest yet: it is \(model.record.state.rawValue);"
            + " manifests are issued when a version becomes canary or current")
      }
      return JSONResponse.make(bytes: manifest.readableBytesView)
    }
    router.get("/model/download") { request, _ in try self.download(request) }
    router.get("/model/public-key") { _, _ in JSONResponse.make(self.registry.signer.publicKeyResponse) }
  }

  /// The model a request means: `?version=N`, else the one served to the calling device.
  private func model(for request: Request) throws -> ServedEdgeModel {
    let serving = serving
    let caller = try serving.authenticator.deviceCaller(request)
    if let version = try request.integerQuery("version") {
      for served in [serving.current, serving.canary] where served?.record.version == version {
        if let served { return served }
      }
      guard let record = serving.registry.edgeModel(version: version) else {
        throw APIError(
          .notFound,
          RegistryError.unknownEdgeVersion(version, known: serving.registry.edgeModels.map(\.version))
            .description)
      }
      return try ServedEdgeModel(
        record: record, bytes: registry.edgeModelBytes(record),
        manifest: serving.registry.latestManifest(version: version))
    }
    let deviceID: String? =
      switch caller {
      case .device(let id): id
      case .admin, .anonymous: request.uri.queryParameters.get("device_id").map { String($0) }
      }
    guard let served = serving.servedModel(for: deviceID) else {
      throw APIError(
        .notFound, "no edge model is current yet; register one with 'edgehybrid models add … --promote'")
    }
    return served
  }

  /// The `.tflite` bytes with an ETag (its SHA-256) and single-range support so a device can resume.
  private func download(_ request: Request) throws -> Response {
    let model = try model(for: request)
    let size = model.bytes.readableBytes
    var headers: HTTPFields = [
      .contentType: "application/octet-stream",
      .contentDisposition: "attachment; filename=\"\(ModelFiles.servedFileName)\"",
      .eTag: model.entityTag,
      .acceptRanges: "bytes",
    ]
    if let match = request.headers[.ifNoneMatch],
      match == "*"
        || match.split(separator: ",").contains(where: {
          $0.trimmingCharacters(in: .whitespaces) == model.entityTag
        })
    {
      return Response(status: .notModified, headers: headers)
    }
    var range = ByteRange(header: request.headers[.range], size: size)
    if let condition = request.headers[.ifRange], condition != model.entityTag { range = .full }
    switch range {
    case .full:
      return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: model.bytes))
    case .partial(let bytes):
      headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1)/\(size)"
      let slice =
        model.bytes.getSlice(at: model.bytes.readerIndex + bytes.lowerBound, length: bytes.count)
        ?? ByteBuffer()
      return Response(status: .partialContent, headers: headers, body: ResponseBody(byteBuffer: slice))
    case .unsatisfiable:
      throw APIError(
        .rangeNotSatisfiable,
        "range '\(request.headers[.range] ?? "")' lies outside the \(size)-byte model v\(model.record.version)",
        headers: [.contentRange: "bytes */\(size)"])
    }
  }
}
