#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child process started with every signal unblocked and no descriptor but stdin/out/err.
/// Foundation's `Process` passes on the blocked-signal mask of the thread that spawns it, which can
/// leave a broker deaf to SIGTERM; and a socket inherited from this process (say another test's
/// listener) would stay open in the child and keep its port taken.
struct ChildProcess {
  /// The child's process id.
  let pid: pid_t
  /// The wait status once the child was reaped.
  private(set) var waitStatus: Int32?

  /// Starts `executable` with `arguments`, its standard output and error discarded.
  static func spawn(_ executable: String, _ arguments: [String]) throws(LocalMosquittoError) -> ChildProcess {
    #if canImport(Darwin)
      var attributes: posix_spawnattr_t? = nil
      var actions: posix_spawn_file_actions_t? = nil
    #else
      var attributes = posix_spawnattr_t()
      var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaultSignals = sigset_t()
    sigemptyset(&defaultSignals)
    sigaddset(&defaultSignals, SIGTERM)
    sigaddset(&defaultSignals, SIGINT)
    sigaddset(&defaultSignals, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    #if canImport(Darwin)
      let closeOthers = Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
      posix_spawn_file_actions_addinherit_np(&actions, 0)
      posix_spawn_file_actions_addinherit_np(&actions, 1)
      posix_spawn_file_actions_addinherit_np(&actions, 2)
    #else
      let closeOthers: Int32 = 0
      closeInheritedDescriptors(&actions)
    #endif
    posix_spawnattr_setflags(
      &attributes, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | closeOthers))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    guard result == 0 else {
      throw LocalMosquittoError("cannot start \(executable): \(String(cString: strerror(result)))")
    }
    return ChildProcess(pid: pid, waitStatus: nil)
  }

  /// Whether the child still runs; reaps it once it has exited.
  mutating func isRunning() -> Bool {
    guard waitStatus == nil else { return false }
    var status: Int32 = 0
    if waitpid(pid, &status, WNOHANG) == pid {
      waitStatus = status
      return false
    }
    return true
  }

  /// Sends `signal` to the child while it runs.
  mutating func send(_ signal: Int32) {
    if isRunning() { kill(pid, signal) }
  }

  /// Waits for the child to exit (after SIGKILL, where waiting cannot take long).
  mutating func waitForExit() {
    guard waitStatus == nil else { return }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    waitStatus = status
  }

  #if !canImport(Darwin)
    /// Has the child close every descriptor above stderr: with glibc's `addclosefrom_np` (2.34+,
    /// not exposed to Swift, hence looked up), else one by one as open when spawning.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
      typealias AddCloseFrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
      if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        return
      }
      for descriptor in 3..<Int32(min(sysconf(Int32(_SC_OPEN_MAX)), 65_536))
      where fcntl(descriptor, F_GETFD) != -1 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
      }
    }
  #endif
}
