#if canImport(Glibc)
import Glibc
#endif
import EquityC
import EquityTestSupport
import Testing

/// The C ABI as a C caller (the Python package) uses it: in-memory input in, output bytes and
/// messages out, every returned buffer freed with equity_free.
@Suite(.serialized) struct EquityCTests {
    func withArgv<T>(_ args: [String], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let cStrings = args.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let argv = cStrings.map { UnsafePointer($0) }
        return argv.withUnsafeBufferPointer { body(Int32(args.count), $0.baseAddress!) }
    }

    func take(_ p: UnsafeMutablePointer<CChar>?) -> String {
        defer { equity_free(p) }
        return p.map { String(cString: $0) } ?? ""
    }

    /// `equity ci proportion` of x out of n on `csv`, registered in memory under names of its own
    /// (`tag`: tests run in parallel), through `equity_run`.
    func proportion(_ csv: String, tag: String) -> (status: Int32, output: String, messages: String) {
        let input = "equity-memory:\(tag).csv", out = "equity-memory:\(tag).out"
        Array(csv.utf8).withUnsafeBufferPointer { _ = equity_register_input(input, "DataFrame", $0.baseAddress, Int64($0.count)) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var length: Int64 = 0
        var messages: UnsafeMutablePointer<CChar>? = nil
        let status = withArgv(["ci", "proportion", "--input", input, "--numerator", "x", "--denominator", "n",
                               "--output", out]) { equity_run($0, $1, out, &output, &length, &messages) }
        defer { equity_free(output) }
        return (status, String(decoding: UnsafeBufferPointer(start: output, count: Int(length)), as: UTF8.self), take(messages))
    }

    @Test func runsACommandOnAnInMemoryTable() throws {
        let run = proportion("area,x,n\na,10,100\nb,5,40\n", tag: "run")
        #expect(run.status == 0 && run.messages.isEmpty)
        #expect(run.output.hasPrefix("area,x,n,value,lowercl,uppercl,confidence,statistic,method,note\na,10,100,0.1,"))
    }

    @Test func reportsTheCommandsMessage() throws {
        let run = proportion("x,n\n1,10\n12,10\n", tag: "error")
        #expect(run.status == 1)
        #expect(run.messages == "DataFrame:3:1: numerator 12 is greater than denominator 10 (column 'x')\n")
    }

    @Test func rowwiseFastPath() {
        let x: [Double] = [65, .nan], n: [Double] = [100, 10]
        var value = [Double](repeating: 0, count: 2), lower = value, upper = value
        var method = [Int8](repeating: 0, count: 2), note = [Int32](repeating: 0, count: 2)
        var texts: UnsafeMutablePointer<CChar>? = nil
        let levels: [Double] = [0.95]
        let status = equity_rowwise(0, 2, x, n, 1, 1, levels, &value, &lower, &upper, &method, &note, &texts)
        let lines = take(texts).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(status == 0 && value[0] == 0.65 && value[1].isNaN && note == [0, 1])
        #expect(lines[0] == "value\tlowercl\tuppercl\tconfidence\tstatistic\tmethod\tnote")
        // PHEindicatormethods testdata_Byars_Wilson: 65 of 100, 95%: 0.5525444329688797–0.7363575175690247.
        #expect(abs(lower[0] - 0.5525444329688797) < 1e-15 && abs(upper[0] - 0.7363575175690247) < 1e-15)
    }

    @Test func weightsFromPolygonsAndPairs() {
        // Three unit squares in a row: a–b and b–c share edges.
        let x: [Double] = [0, 1, 1, 0, 0, 1, 2, 2, 1, 1, 2, 3, 3, 2, 2]
        let y: [Double] = [0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0]
        let rings: [Int64] = [0, 5, 10, 15], polygons: [Int64] = [0, 1, 2, 3], features: [Int64] = [0, 1, 2, 3]
        let ids = "abc", idOffsets: [Int64] = [0, 1, 2, 3]
        var offsets: UnsafeMutablePointer<Int64>? = nil, neighbours: UnsafeMutablePointer<Int32>? = nil
        var weights: UnsafeMutablePointer<Double>? = nil, message: UnsafeMutablePointer<CChar>? = nil
        let status = equity_weights_polygons(3, x, y, rings, 3, polygons, 3, features, ids, idOffsets, 0, 1, 0,
                                             &offsets, &neighbours, &weights, &message)
        #expect(status == 0)
        #expect(Array(UnsafeBufferPointer(start: offsets, count: 4)) == [0, 1, 3, 4])
        #expect(Array(UnsafeBufferPointer(start: neighbours, count: 4)) == [1, 0, 2, 1])
        equity_free(offsets); equity_free(neighbours); equity_free(weights); _ = take(message)
        let a = "az", aOffsets: [Int64] = [0, 1, 2]
        let b = "bb", bOffsets: [Int64] = [0, 1, 2]
        let bad = equity_weights_pairs(3, ids, idOffsets, 2, a, aOffsets, b, bOffsets, &offsets, &neighbours, &weights, &message)
        #expect(bad == 1 && take(message).contains("'z' is not one of the areas"))
    }
}
