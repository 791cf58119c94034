import Equity
import EquityCore
import Testing

/// In-memory inputs, outputs and weights (the C ABI's files): read and written exactly as files,
/// with the registered display name in messages.
@Suite(.serialized) struct MemoryFilesTests {
    @Test func inputsReadAsFilesWithTheirDisplayName() throws {
        defer { MemoryFiles.remove(["equity-memory:t.csv"]) }
        MemoryFiles.registerInput("equity-memory:t.csv", display: "DataFrame", bytes: Array("x,n\n1,10\n12,10\n".utf8))
        let reader = try CSVReader(path: "equity-memory:t.csv")
        #expect(reader.header == ["x", "n"])
        #expect(reader.name == "DataFrame")
        // Not registered: a path like any other (no such file).
        #expect(throws: EquityError.self) { try CSVReader(path: "equity-memory:other.csv") }
    }

    @Test func outputsAreCollected() throws {
        defer { MemoryFiles.remove(["equity-memory:collected"]) }
        try MemoryFiles.registerOutput("equity-memory:collected")
        let out = try OutputFile(path: "equity-memory:collected")
        #expect(!out.isAtomicFile)
        try out.write("a,b\n1,2\n")
        try out.commit()
        #expect(try MemoryFiles.takeOutput("equity-memory:collected") == Array("a,b\n1,2\n".utf8))
        // Taken once: the output is then forgotten.
        #expect(try MemoryFiles.takeOutput("equity-memory:collected").isEmpty)
    }

    @Test func weightsAreReadByIdOrder() throws {
        defer { MemoryFiles.remove(["equity-memory:w.gwt"]) }
        let w = try SpatialWeights(ids: ["a", "b", "c"], pairs: [(0, 1), (1, 2)])
        MemoryFiles.registerWeights("equity-memory:w.gwt", w)
        let same = try WeightsFile.read(path: "equity-memory:w.gwt", ids: ["a", "b", "c"])
        #expect(same.neighbours == w.neighbours && same.ids == w.ids)
        let reordered = try WeightsFile.read(path: "equity-memory:w.gwt", ids: ["c", "b", "a"])
        #expect(reordered.ids == ["c", "b", "a"])
        #expect(reordered.weight(0, 1) == 1 && reordered.weight(1, 2) == 1 && reordered.weight(0, 2) == 0)
        #expect(throws: EquityError.self) { try WeightsFile.read(path: "equity-memory:w.gwt", ids: ["a", "z", "c"]) }
    }

    @Test func runsForgetOnlyTheNamesTheyUse() {
        #expect(MemoryFiles.paths(in: ["--input", "equity-memory:a", "--weights=equity-memory:w", "x.csv", "--id=lsoa"])
                == ["equity-memory:a", "equity-memory:w"])
        MemoryFiles.registerInput("equity-memory:kept", display: "kept", bytes: Array("a\n1\n".utf8))
        MemoryFiles.registerInput("equity-memory:gone", display: "gone", bytes: Array("b\n2\n".utf8))
        MemoryFiles.remove(["equity-memory:gone"])
        #expect((try? CSVReader(path: "equity-memory:kept"))?.name == "kept")
        #expect(throws: EquityError.self) { try CSVReader(path: "equity-memory:gone") }
        MemoryFiles.remove(["equity-memory:kept"])
    }
}
