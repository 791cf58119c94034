import Equity
import FuzzSupport

// Number parsing: whatever the bytes, the fast parser agrees with Swift's own correctly rounded
// parser on every accepted number, and never returns a non-finite value.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }

@_cdecl("FuzzNumbers_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        guard bytes.count < 512 else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        switch NumberParsing.parse(text) {
        case let .number(v):
            FuzzDriver.require(v.isFinite, "non-finite \(text)")
            var trimmed = Substring(text)
            while trimmed.first == " " || trimmed.first == "\t" { trimmed.removeFirst() }
            while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
            if let reference = Double(String(trimmed)), reference.isFinite {
                FuzzDriver.require(reference == v || (reference == 0 && v == 0), "'\(text)' → \(v), Swift says \(reference)")
            }
        case .missing, .invalid, .nonFinite:
            break
        }
        for v in [Double(bitPattern: bytes.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) })] where v.isFinite {
            let printed = NumberFormatting.string(v)
            FuzzDriver.require(NumberParsing.parse(printed) == .number(v), "\(v) printed as \(printed) does not read back")
        }
    }
}
