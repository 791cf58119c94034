#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files and directories Equity has created beside its outputs, removed if the
/// process is stopped by SIGINT, SIGTERM or SIGHUP before it renames them into place.
///
/// Paths live in a fixed table of C strings so the signal handler only reads memory and calls
/// `unlink`/`rmdir` (both async-signal-safe), then restores the default action and re-raises the
/// signal so the exit status still says what stopped the process.
public enum TemporaryFiles {
    static let capacity = 256
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    static let lock = PThreadMutex()
    nonisolated(unsafe) static var installed = false

    /// Records a path to remove if the process is interrupted; returns its slot.
    static func register(_ path: String) -> Int? {
        installHandlers()
        return lock.withLock {
            for k in 0..<capacity where slots[k] == nil {
                let bytes = Array(path.utf8CString)
                let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
                copy.initialize(from: bytes, count: bytes.count)
                slots[k] = copy
                return k
            }
            return nil
        }
    }

    /// Forgets a slot (the path was renamed into place or removed).
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.withLock {
            let p = slots[slot]
            slots[slot] = nil
            p?.deallocate()
        }
    }

    /// Installs the handlers once (called when the first temporary is registered).
    public static func installHandlers() {
        lock.withLock {
            if installed { return }
            installed = true
            // A parent may have started us with these blocked (the mask is inherited); a program
            // that cleans up on them must receive them.
            var unblock = sigset_t()
            sigemptyset(&unblock)
            for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, sig) }
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                signal(sig) { received in
                    // Files first, then directories (rmdir needs them empty).
                    for k in 0..<TemporaryFiles.capacity { if let p = TemporaryFiles.slots[k] { unlink(p) } }
                    for k in 0..<TemporaryFiles.capacity { if let p = TemporaryFiles.slots[k] { rmdir(p) } }
                    signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
    }

    /// Creates a new file with a random name in `directory` (`O_CREAT|O_EXCL`, mode 0600, never
    /// following a planted symlink), registered for removal on interruption.
    static func create(in directory: String, prefix: String, forOutput name: String) throws -> (fd: Int32, path: String, slot: Int?) {
        var template = Array((directory + "/" + prefix + "XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            throw EquityError.io(file: name, reason: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (fd, path, register(path))
    }

    /// Creates a new directory with a random name in `directory` (mode 0700), registered for removal.
    static func createDirectory(in directory: String, prefix: String, forOutput name: String) throws -> (path: String, slot: Int?) {
        var template = Array((directory + "/" + prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        if made == nil {
            throw EquityError.io(file: name, reason: "cannot create a temporary directory in \(directory): \(String(cString: strerror(errno)))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (path, register(path))
    }
}
