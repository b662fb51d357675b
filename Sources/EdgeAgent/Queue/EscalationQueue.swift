/// The bounded, persisted store-and-forward queue of escalations decided by fallback while offline.
///
/// Kept in `RecordLog` form: an `entry` record per accepted escalation, a `removed` record when the oldest
/// ones leave (delivered, or expired to make room), and after compaction one `totals` record first. Replaying
/// the records on open restores the queue and its counters, so nothing accepted is lost by a restart; a
/// torn last record is dropped and everything before it kept.
public final class EscalationQueue {
  /// Record kinds (the first body byte).
  enum Kind: UInt8 {
    case entry = 1
    case removed = 2
    case totals = 3
  }

  /// The file's magic.
  static let magic = Array("EHQ1".utf8)

  /// Most escalations kept; a new one beyond it expires the oldest.
  public let capacity: Int
  /// Dead bytes (removed records and entries) beyond which the file is rewritten with the live entries only.
  public let compactionThresholdBytes: Int
  /// Escalations waiting, oldest first.
  public private(set) var entries: [PendingEscalation]
  /// Escalations dropped to make room, ever.
  public private(set) var expiredCount: UInt64
  /// Escalations delivered (or refused for good by the cloud) and removed, ever.
  public private(set) var deliveredCount: UInt64
  /// Bytes of a torn last record cut off when the queue was opened.
  public let recoveredTornBytes: Int

  private let log: RecordLog
  /// Encoded size of each entry's record, parallel to `entries`.
  private var entryBytes: [Int]

  /// Opens (or creates) the queue file at `path`.
  public init(path: String, capacity: Int, compactionThresholdBytes: Int = 256 * 1024)
    throws(EscalationQueueError)
  {
    precondition(capacity >= 1, "a queue holds at least one escalation")
    self.capacity = capacity
    self.compactionThresholdBytes = compactionThresholdBytes
    let loaded: (RecordLog, [[UInt8]], tornBytes: Int)
    do { loaded = try RecordLog.load(path: path, magic: EscalationQueue.magic) } catch { throw .log(error) }
    log = loaded.0
    recoveredTornBytes = loaded.tornBytes
    var entries: [PendingEscalation] = []
    var entryBytes: [Int] = []
    var expired: UInt64 = 0
    var delivered: UInt64 = 0
    for (index, body) in loaded.1.enumerated() {
      var reader = ByteReader(body)
      switch reader.u8().flatMap(Kind.init(rawValue:)) {
      case .entry:
        guard let entry = PendingEscalation(encoded: Array(body.dropFirst())) else {
          throw .undecodableRecord(path: path, index: index)
        }
        entries.append(entry)
        entryBytes.append(RecordLog.frameBytes + body.count)
      case .removed:
        guard let deliveredNow = reader.u32(), let expiredNow = reader.u32(), reader.isAtEnd,
          Int(deliveredNow) + Int(expiredNow) <= entries.count
        else { throw .undecodableRecord(path: path, index: index) }
        let leaving = Int(deliveredNow) + Int(expiredNow)
        entries.removeFirst(leaving)
        entryBytes.removeFirst(leaving)
        delivered += UInt64(deliveredNow)
        expired += UInt64(expiredNow)
      case .totals:
        guard let deliveredTotal = reader.u64(), let expiredTotal = reader.u64(), reader.isAtEnd else {
          throw .undecodableRecord(path: path, index: index)
        }
        delivered += deliveredTotal
        expired += expiredTotal
      case nil:
        throw .undecodableRecord(path: path, index: index)
      }
    }
    self.entries = entries
    self.entryBytes = entryBytes
    expiredCount = expired
    deliveredCount = delivered
  }

  /// Escalations waiting.
  public var count: Int { entries.count }

  /// Stores `escalation` durably (fsynced before returning); when full, the oldest entry expires first.
  public func append(_ escalation: PendingEscalation) throws(EscalationQueueError) {
    var body: [UInt8] = [Kind.entry.rawValue]
    body.append(contentsOf: escalation.encoded())
    var records: [[UInt8]] = []
    let expiring = max(0, entries.count + 1 - capacity)
    if expiring > 0 { records.append(EscalationQueue.removedRecord(delivered: 0, expired: expiring)) }
    records.append(body)
    do { try log.append(records) } catch { throw .log(error) }
    entries.removeFirst(expiring)
    entryBytes.removeFirst(expiring)
    expiredCount += UInt64(expiring)
    entries.append(escalation)
    entryBytes.append(RecordLog.frameBytes + body.count)
    try compactIfWorthIt()
  }

  /// Removes the `count` oldest escalations once the cloud has them.
  public func removeDelivered(_ count: Int) throws(EscalationQueueError) {
    precondition(count >= 0 && count <= entries.count, "cannot remove more escalations than are queued")
    guard count > 0 else { return }
    do { try log.append([EscalationQueue.removedRecord(delivered: count, expired: 0)]) } catch {
      throw .log(error)
    }
    entries.removeFirst(count)
    entryBytes.removeFirst(count)
    deliveredCount += UInt64(count)
    try compactIfWorthIt()
  }

  /// Uploads queued escalations oldest first until the queue is empty, `limit` were tried, or an upload
  /// fails for a reason that may pass (then the rest wait for the next drain).
  /// Runs on the caller's actor (`nonisolated(nonsending)`), so an actor that owns the queue can drain it.
  public nonisolated(nonsending) func drain(
    limit: Int = .max, upload: nonisolated(nonsending) (PendingEscalation) async -> DrainOutcome
  ) async throws(EscalationQueueError) -> DrainReport {
    var report = DrainReport()
    while report.delivered + report.refused < limit, let next = entries.first {
      switch await upload(next) {
      case .delivered:
        report.delivered += 1
      case .refused:
        report.refused += 1
      case .retryLater:
        report.stoppedEarly = true
        return report
      }
      // An append during the upload may have expired `next` (a full queue); then nothing else may go.
      if entries.first?.id == next.id { try removeDelivered(1) }
    }
    return report
  }

  private func compactIfWorthIt() throws(EscalationQueueError) {
    let live = entryBytes.reduce(RecordLog.headerBytes, +)
    let dead = log.size - live
    guard dead > compactionThresholdBytes, dead > live else { return }
    var totals = ByteWriter()
    totals.u8(Kind.totals.rawValue)
    totals.u64(deliveredCount)
    totals.u64(expiredCount)
    var bodies = [totals.bytes]
    for entry in entries { bodies.append([Kind.entry.rawValue] + entry.encoded()) }
    do { try log.rewrite(bodies) } catch { throw .log(error) }
  }

  private static func removedRecord(delivered: Int, expired: Int) -> [UInt8] {
    var writer = ByteWriter()
    writer.u8(Kind.removed.rawValue)
    writer.u32(UInt32(delivered))
    writer.u32(UInt32(expired))
    return writer.bytes
  }
}
