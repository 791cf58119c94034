import Foundation
import Testing
@_spi(Testing) @testable import Equity
import EquityTestSupport

/// Replays every input the fuzzers (`Fuzz/`) have found failing — kept in
/// `Tests/EquityTests/FuzzRegressions/<target>/` — through the reader it broke: each must now
/// read cleanly or fail with a one-line `EquityError`.
@Suite struct FuzzRegressionTests {
    static let root = Fixtures.packageRoot + "/Tests/EquityTests/FuzzRegressions/"

    static func inputs(_ target: String) -> [(String, [UInt8])] {
        let dir = root + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: dir + "/" + name).map { (name, Array($0)) }
        }
    }

    static func expectCleanFailure(_ error: Error, _ name: String) {
        guard let e = error as? EquityError else { Issue.record("\(name): unexpected \(error)"); return }
        #expect(!e.description.contains("\n"), "\(name): \(e)")
    }

    @Test func csv() {
        for (name, bytes) in Self.inputs("FuzzCSV") {
            do {
                let reader = try CSVReader(file: MappedFile(name: "fuzz.csv", contents: bytes))
                try reader.forEachRow { s in for c in 0..<s.fieldCount { _ = try? reader.number(s, c); _ = s.unescapedField(c) } }
                _ = reader.chunks(targetSize: 64)
            } catch { Self.expectCleanFailure(error, name) }
        }
    }

    @Test func geoJSON() {
        for (name, bytes) in Self.inputs("FuzzGeoJSON") {
            do {
                let layer = try GeoJSONReader.read(MappedFile(name: "fuzz.geojson", contents: bytes), threads: 2)
                for name in layer.propertyOrder { #expect(try layer.property(name).count == layer.featureCount) }
                _ = Contiguity.queen.pairs(layer)
                _ = Contiguity.rook.pairs(layer)
            } catch { Self.expectCleanFailure(error, name) }
        }
    }

    @Test func gzip() {
        for (name, bytes) in Self.inputs("FuzzGzip") {
            do {
                _ = try MappedFile.decoding(name: "fuzz.csv.gz", contents: [0x1F, 0x8B] + bytes, maximumInflatedBytes: 1 << 20)
            } catch { Self.expectCleanFailure(error, name) }
        }
    }

    @Test func adjacency() {
        let ids = ["A", "B", "C", "D", "E", "F", "E01015693", "E01015694", "1", "2"]
        for (name, bytes) in Self.inputs("FuzzAdjacency") {
            do {
                let reader = try CSVReader(file: MappedFile(name: "fuzz.csv", contents: bytes))
                _ = try SpatialInputs.adjacency(reader: reader, ids: ids, allowIslands: true).transformed(.R).moments
            } catch { Self.expectCleanFailure(error, name) }
        }
    }

    /// The first byte picks the format (.gal, .gwt, links CSV), as in `Fuzz/Sources/FuzzWeightsFile`.
    @Test func weightsFile() {
        for (name, bytes) in Self.inputs("FuzzWeightsFile") where !bytes.isEmpty {
            let file = ["fuzz.gal", "fuzz.gwt", "fuzz.csv"][Int(bytes[0]) % 3]
            do {
                _ = try WeightsFile.read(file: MappedFile(name: file, contents: Array(bytes.dropFirst())), ids: nil).transformed(.R).moments
            } catch { Self.expectCleanFailure(error, name) }
        }
    }

    @Test func numbers() {
        for (name, bytes) in Self.inputs("FuzzNumbers") {
            let text = String(decoding: bytes, as: UTF8.self)
            if case let .number(v) = NumberParsing.parse(text) { #expect(v.isFinite, "\(name)") }
        }
    }
}

