import EdgeCore

extension FrontEndKind {
  /// The lower-case name used in files and on the command line (kept out of EdgeCore: firmware has no strings to compare).
  public var name: String {
    switch self {
    case .raw: "raw"
    case .spectral: "spectral"
    }
  }

  /// Parses `raw` or `spectral`.
  public init?(name: String) {
    guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = kind
  }
}
