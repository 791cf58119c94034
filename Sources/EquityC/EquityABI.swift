import EquityCore

/// Process-wide constants of the C ABI.
enum EquityABI {
    /// The version as a C string that lives as long as the library.
    nonisolated(unsafe) static let version: UnsafePointer<CChar> = {
        let bytes = Array(EquityVersion.string.utf8CString)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        p.initialize(from: bytes, count: bytes.count)
        return UnsafePointer(p)
    }()
}
