import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Parent/child relations of Linux processes, from `/proc/<pid>/stat`.
public enum ProcessTree {
  /// Every descendant of `pid` (children, their children, …).
  public static func descendants(of pid: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    var children: [Int32: [Int32]] = [:]
    for entry in entries {
      guard let child = Int32(entry),
        let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { continue }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      if fields.count > 1, let parent = Int32(fields[1]) { children[parent, default: []].append(child) }
    }
    var found: [Int32] = []
    var pending = children[pid] ?? []
    while let next = pending.popLast() {
      found.append(next)
      pending.append(contentsOf: children[next] ?? [])
    }
    return found
  }

  /// User plus system CPU seconds used so far by `pid` and its descendants (from `/proc/<pid>/stat`).
  public static func cpuSeconds(of pid: Int32) -> Double {
    let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    return ([pid] + descendants(of: pid)).reduce(0) { total, process in
      guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return total }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      // After the command: state(0) ppid(1) … utime(11) stime(12).
      guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
        return total
      }
      return total + (user + system) / ticksPerSecond
    }
  }
}
