import Equity
import FuzzSupport

// GeoDa/PySAL weights files (.gal, .gwt) and links CSVs, parsed from their bytes: any input gives
// consistent compressed rows (neighbours in range, rows sorted without repeats, finite weights)
// or an EquityError naming the file. The first byte picks the format; the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }

let ids = ["A", "B", "C", "D", "E", "1", "2", "3", "E01015693", "E01015694"]

@_cdecl("FuzzWeightsFile_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        guard let first = bytes.first else { return }
        let name = ["fuzz.gal", "fuzz.gwt", "fuzz.csv"][Int(first) % 3]
        for order in [nil, ids] as [[String]?] {
            do {
                let w = try WeightsFile.read(file: MappedFile(name: name, contents: Array(bytes.dropFirst())), ids: order)
                FuzzDriver.require(w.offsets.count == w.count + 1 && w.offsets.last == w.neighbours.count, "CSR inconsistent")
                for i in 0..<w.count {
                    for k in w.offsets[i]..<w.offsets[i + 1] {
                        let j = Int(w.neighbours[k])
                        FuzzDriver.require(j >= 0 && j < w.count, "neighbour out of range")
                        FuzzDriver.require(k == w.offsets[i] || w.neighbours[k - 1] < w.neighbours[k], "row not sorted or repeated")
                        FuzzDriver.require(w.original[k].isFinite, "weight not finite")
                    }
                }
                if let order { FuzzDriver.require(w.ids == order, "ids not aligned") }
            } catch let error as EquityError {
                FuzzDriver.require(error.description.hasPrefix(name), "message without the file: \(error)")
            } catch {
                FuzzDriver.require(false, "unexpected error \(error)")
            }
        }
    }
}
