import Equity
import FuzzSupport

// Adjacency lists against a fixed set of ids: any bytes give symmetric, in-range weights or an
// EquityError naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }

let ids = ["A", "B", "C", "D", "E", "F", "E01015693", "E01015694", "1", "2"]

@_cdecl("FuzzAdjacency_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        do {
            let reader = try CSVReader(file: MappedFile(name: "fuzz.csv", contents: Array(bytes)))
            let w = try SpatialInputs.adjacency(reader: reader, ids: ids, allowIslands: true)
            FuzzDriver.require(w.count == ids.count && w.offsets.last == w.neighbours.count, "CSR inconsistent")
            for i in 0..<w.count {
                for k in w.offsets[i]..<w.offsets[i + 1] {
                    let j = Int(w.neighbours[k])
                    FuzzDriver.require(j >= 0 && j < w.count && j != i && w.weight(j, i) == 1, "link \(i)→\(j) not symmetric")
                }
            }
            _ = w.transformed(.R).moments
        } catch let error as EquityError {
            FuzzDriver.require(error.description.hasPrefix("fuzz.csv"), "message without the file: \(error)")
        } catch {
            FuzzDriver.require(false, "unexpected error \(error)")
        }
    }
}
