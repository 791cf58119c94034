import Testing
import Equity
import EquityCore
import EquityTestSupport

/// Reading GeoDa/PySAL `.gal`/`.gwt` files and links CSVs from their bytes: the layouts GeoDa,
/// libpysal and spdep write (CRLF, trailing blank lines, comma separators, areas without
/// neighbours), the file's own order, and errors that name the line. Round trips against
/// Columbus are in CorrelogramJoinCountTests.weightsFilesRoundTrip.
@Suite struct WeightsFileTests {
    static func read(_ text: String, _ name: String, ids: [String]? = nil) throws -> SpatialWeights {
        try WeightsFile.read(path: try CLI.temporaryFile(text, name: name), ids: ids)
    }

    static func rows(_ w: SpatialWeights) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for i in 0..<w.count { out[w.ids[i]] = (w.offsets[i]..<w.offsets[i + 1]).map { w.ids[Int(w.neighbours[$0])] } }
        return out
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return "\(error)" }
    }

    @Test func galLayouts() throws {
        // GeoDa's header, CRLF line ends, an island (empty neighbour line), commas, trailing blanks.
        let text = "0 4 shapes POLYID\r\nB 2\r\nC,A\r\nA 1\r\nB\r\nD 0\r\n\r\nC 1\r\nB\r\n  \r\n\r\n"
        let w = try Self.read(text, "w.gal")
        #expect(w.ids == ["B", "A", "D", "C"])
        #expect(Self.rows(w) == ["A": ["B"], "B": ["A", "C"], "C": ["B"], "D": []])
        #expect(w.original.allSatisfy { $0 == 1 })
        // Aligned to the data's order.
        let aligned = try Self.read(text, "w.gal", ids: ["A", "B", "C", "D"])
        #expect(aligned.ids == ["A", "B", "C", "D"])
        #expect(Array(aligned.offsets) == [0, 1, 3, 4, 4])
        #expect(aligned.neighbours == [1, 0, 2, 1])
    }

    @Test func gwtWeightsAndOrder() throws {
        let w = try Self.read("3\n2 1 0.5\n2 3 0.25\n1 2 1e0\n3 2 2\n", "w.gwt")
        #expect(w.ids == ["2", "1", "3"])
        #expect(Self.rows(w) == ["2": ["1", "3"], "1": ["2"], "3": ["2"]])
        #expect(w.original == [0.5, 0.25, 1, 2])
    }

    @Test func errorsNameTheLine() throws {
        #expect(Self.message { _ = try Self.read("2\nA 1\nB\nA 1\nB\n", "twice.gal") }.contains("twice.gal:4:1: area A appears twice"))
        #expect(Self.message { _ = try Self.read("2\nA 2\nB\nB 1\nA\n", "count.gal") }.contains("count.gal:3:1: area A should have 2 neighbours, the line lists 1"))
        #expect(Self.message { _ = try Self.read("3\nA 1\nB\nB 1\nA\n", "header.gal") }.contains("header.gal:1:1: the header says 3 areas, the file has 2"))
        #expect(Self.message { _ = try Self.read("", "empty.gal") }.contains("empty weights file"))
        #expect(Self.message { _ = try Self.read("n\n", "n.gal") }.contains("n.gal:1:1: the header must give the number of areas"))
        #expect(Self.message { _ = try Self.read("2\nA B 1\nB A x\n", "w.gwt") }.contains("w.gwt:3:1: expected `i j weight`"))
        #expect(Self.message { _ = try Self.read("2\nA B inf\n", "inf.gwt") }.contains("inf.gwt:2:1: expected `i j weight`"))
        #expect(Self.message { _ = try Self.read("2\nA B 1\nB A 1\nA B 2\n", "dup.gwt") }.contains("dup.gwt:4:1: the link 'A' → 'B' appears twice"))
        #expect(Self.message { _ = try Self.read("2\nA B 1\nB Z 1\n", "unknown.gwt", ids: ["A", "B"]) }.contains("unknown.gwt:3:1: area 'Z' of the weights is not in the data"))
    }

    @Test func linksCSVWithQuotedIds() throws {
        let w = try Self.read("id,neighbour,weight\n\"a,1\",b,0.5\nb,\"a,1\",1.5\n", "links.csv", ids: ["b", "a,1"])
        #expect(Self.rows(w) == ["b": ["a,1"], "a,1": ["b"]])
        #expect(w.original == [1.5, 0.5])
    }
}
