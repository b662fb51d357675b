/// What is wrong with a model file, naming the file (`source`) and the offending part so it can be fixed.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// The file could not be written.
  case unwritable(path: String, reason: String)
  /// The file ends before the header or a tensor's data does.
  case truncated(source: String, needed: Int, available: Int)
  /// The header is not the JSON safetensors requires (or tensor entries are malformed).
  case badHeader(source: String, reason: String)
  /// A tensor is stored in a type other than float32.
  case unsupportedDType(source: String, tensor: String, dtype: String)
  /// A tensor the model needs is absent.
  case missingTensor(source: String, tensor: String)
  /// A tensor has a shape other than the metadata implies.
  case wrongShape(source: String, tensor: String, expected: [Int], found: [Int])
  /// A metadata entry the model needs is absent.
  case missingMetadata(source: String, key: String)
  /// A metadata entry is present but cannot be understood.
  case invalidMetadata(source: String, key: String, value: String, expected: String)

  /// A message that says what is wrong and what to do.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      "\(path): cannot read the model file (\(reason)); check the path and permissions"
    case .unwritable(let path, let reason):
      "\(path): cannot write the model file (\(reason)); check the directory exists and is writable"
    case .truncated(let source, let needed, let available):
      "\(source): model file is truncated: needs \(needed) bytes but has \(available); copy or export it again"
    case .badHeader(let source, let reason):
      "\(source): invalid safetensors header: \(reason)"
    case .unsupportedDType(let source, let tensor, let dtype):
      "\(source): tensor '\(tensor)' has dtype \(dtype); only F32 float models are supported"
    case .missingTensor(let source, let tensor):
      "\(source): tensor '\(tensor)' is missing; the file is not a complete EdgeHybrid autoencoder"
    case .wrongShape(let source, let tensor, let expected, let found):
      "\(source): tensor '\(tensor)' has shape \(found) but the model's metadata requires \(expected)"
    case .missingMetadata(let source, let key):
      "\(source): metadata entry '\(key)' is missing; the file was not written by EdgeHybrid or is damaged"
    case .invalidMetadata(let source, let key, let value, let expected):
      "\(source): metadata entry '\(key)' is '\(value)', expected \(expected)"
    }
  }
}
