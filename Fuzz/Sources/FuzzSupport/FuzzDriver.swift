/// Runs libFuzzer with a Swift closure as the target: each fuzz executable's entry point
/// (SwiftPM names it `<Target>_main`) calls `FuzzDriver.run`, which hands control to libFuzzer's
/// `LLVMFuzzerRunDriver`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

public enum FuzzDriver {
    nonisolated(unsafe) static var body: ((UnsafeBufferPointer<UInt8>) -> Void)?

    /// Starts libFuzzer, calling `body` with each input.
    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                           _ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Int32 {
        self.body = body
        var c = argc
        var v = argv
        return LLVMFuzzerRunDriver(&c, &v) { data, size in
            FuzzDriver.body?(UnsafeBufferPointer(start: data, count: size))
            return 0
        }
    }

    /// Stops with a clear message when an invariant breaks (libFuzzer saves the input).
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }
}
