/// Which features the autoencoder sees; part of the model, so device and trainer always agree.
public enum FrontEndKind: UInt8, Sendable, CaseIterable {
  /// The window itself, as the lesson does it.
  case raw = 0
  /// Per-axis log magnitude spectrum of the Hann-windowed, mean-removed window.
  case spectral = 1
}

/// A front-end and the window it reads: everything needed to turn a window into model features.
public struct FrontEndSpec: Equatable, Hashable, Sendable {
  /// Raw or spectral.
  public var kind: FrontEndKind
  /// The window the front-end reads.
  public var layout: SignalLayout

  /// A front-end over a window layout.
  public init(kind: FrontEndKind, layout: SignalLayout = .lesson) {
    self.kind = kind
    self.layout = layout
  }

  /// Spectrum bins per axis (DC to Nyquist) for the spectral front-end.
  public var binsPerAxis: Int { layout.samplesPerWindow / 2 + 1 }

  /// Number of features the model receives.
  public var featureCount: Int {
    switch kind {
    case .raw: layout.valuesPerWindow
    case .spectral: binsPerAxis * layout.axes
    }
  }
}
