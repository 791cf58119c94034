@_spi(Testing) import Equity
import FuzzSupport

// CSV reader and scanner: any bytes either read cleanly or fail with an EquityError that names
// a plausible FILE:LINE:COLUMN; every field parses to a number, a missing value or a rejection.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }

@_cdecl("FuzzCSV_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        do {
            let reader = try CSVReader(file: MappedFile(name: "fuzz.csv", contents: Array(bytes)))
            var rows = 0
            try reader.forEachRow { s in
                rows += 1
                FuzzDriver.require(s.line >= 1 && s.line <= lines, "line \(s.line) of \(lines)")
                for c in 0..<s.fieldCount {
                    _ = s.text(c)
                    _ = s.unescapedField(c)
                    if case let .number(v) = s.number(c) { FuzzDriver.require(v.isFinite, "non-finite number") }
                    _ = try? reader.number(s, c)
                }
            }
            for chunk in reader.chunks(targetSize: 64) { FuzzDriver.require(chunk.lowerBound >= reader.dataStart, "chunk before data") }
        } catch let error as EquityError {
            let text = error.description
            FuzzDriver.require(!text.contains("\n"), "multi-line message: \(text)")
            FuzzDriver.require(text.hasPrefix("fuzz.csv:"), "message without location: \(text)")
        } catch {
            FuzzDriver.require(false, "unexpected error \(error)")
        }
    }
}
