import HTTPTypes

extension HTTPFields {
  /// The value of field `name` exactly as `self[name]` gives it (several fields joined), without the cost
  /// of joining when there is one field, as there is for nearly every request.
  func value(_ name: HTTPField.Name) -> String? {
    var found: String?
    for field in self where field.name == name {
      if found != nil { return self[name] }
      found = field.value
    }
    return found
  }
}
