import Equity
import FuzzSupport

// Gzip input: corrupt, truncated or explosive data fails with an EquityError (the inflated size
// capped at 1 MiB here), never a crash or an unbounded allocation.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }

@_cdecl("FuzzGzip_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        // Always present the data as gzip (magic bytes first) so the inflater sees every input.
        let contents = [0x1F, 0x8B] + Array(bytes)
        do {
            let file = try MappedFile.decoding(name: "fuzz.csv.gz", contents: contents, maximumInflatedBytes: 1 << 20)
            FuzzDriver.require(file.bytes.count <= 1 << 20, "inflated past the limit")
            _ = try? CSVReader(file: file)
        } catch is EquityError {
        } catch {
            FuzzDriver.require(false, "unexpected error \(error)")
        }
    }
}
