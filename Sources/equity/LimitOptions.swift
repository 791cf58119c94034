import ArgumentParser
import Equity

/// Safety limits every command that reads input accepts.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-inflated-size"),
            help: "Most bytes a .gz input may inflate to (e.g. 8G, 500M; default 4G): a guard against decompression bombs.")
    var maxInflatedSize: String?

    mutating func validate() throws {
        guard let maxInflatedSize else { return }
        guard let bytes = LimitOptions.byteCount(maxInflatedSize), bytes > 0 else {
            throw ValidationError("--max-inflated-size: '\(maxInflatedSize)' is not a size such as 4G, 500M or 1048576")
        }
        InputLimits.maximumInflatedBytes = bytes
    }

    /// "4G", "500M", "64K", "1048576" (binary units) → bytes.
    static func byteCount(_ text: String) -> Int? {
        var digits = text.uppercased()
        var scale = 1
        for (suffix, s) in [("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
            where digits.hasSuffix(suffix) {
            digits.removeLast(suffix.count)
            scale = s
            break
        }
        guard let n = Int(digits), n >= 0 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }
}
