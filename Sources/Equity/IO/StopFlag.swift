/// A flag one thread sets and others poll, to stop work that is no longer wanted (after a
/// failure, the workers of a pipeline skip what is left).
package final class StopFlag: @unchecked Sendable {
    private var value = false
    private let lock = PThreadMutex()

    package init() {}

    /// Whether `set()` has been called.
    package var isSet: Bool { lock.withLock { value } }

    /// Raises the flag (once raised it stays raised).
    package func set() { lock.withLock { value = true } }
}
