import Foundation
import Testing
@_spi(Testing) import Equity
import EquityTestSupport

/// Splitting a CSV into row-aligned chunks for parallel reading: every cut falls just after a
/// line end outside quotes, the chunks cover the data exactly, and each is at least the target
/// size (the last aside) — checked against a byte-by-byte reference on random files full of
/// quoted commas, quotes and line breaks.
@Suite struct CSVReaderTests {
    static func randomCSV(_ rng: inout TestRNG, rows: Int) -> String {
        var s = "id,text,n\n"
        for r in 0..<rows {
            var field = ""
            for _ in 0..<Int(rng.next() % 12) {
                switch rng.next() % 7 {
                case 0: field += "\"\""
                case 1: field += "\n"
                case 2: field += ","
                case 3: field += "\r\n"
                default: field += "ab"
                }
            }
            let quoted = field.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "," || $0 == "\r" }
            s += "r\(r)," + (quoted ? "\"\(field)\"" : field) + ",\(rng.next() % 100)\n"
        }
        return s
    }

    @Test func chunksCutOnlyBetweenRows() throws {
        var rng = TestRNG(seed: 42)
        var checked = 0
        for trial in 0..<40 {
            let text = Self.randomCSV(&rng, rows: 30 + trial * 7)
            let bytes = Array(text.utf8)
            let reader = try CSVReader(file: MappedFile(name: "t.csv", contents: bytes))
            // Reference: the positions just after a line end outside quotes.
            var rowEnds = Set<Int>()
            var inQuotes = false
            for (i, b) in bytes.enumerated() where i >= reader.dataStart {
                if b == 0x22 { inQuotes.toggle() } else if b == 0x0A && !inQuotes { rowEnds.insert(i + 1) }
            }
            for target in [1, 7, 64, 500] {
                let chunks = reader.chunks(targetSize: target)
                #expect(chunks.first?.lowerBound == reader.dataStart)
                #expect(chunks.last?.upperBound == bytes.count)
                for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
                for c in chunks.dropLast() {
                    #expect(rowEnds.contains(c.upperBound), "cut at \(c.upperBound) inside a row")
                    #expect(c.count >= target)
                }
                // Rows read chunk by chunk equal rows read whole.
                var whole: [String] = [], pieces: [String] = []
                try reader.forEachRow { s in whole.append((0..<s.fieldCount).map { s.text($0) }.joined(separator: "|")) }
                for c in chunks {
                    let scanner = CSVScanner(bytes: reader.file.bytes, range: c, firstLine: 0)
                    while case .row = scanner.next() { pieces.append((0..<scanner.fieldCount).map { scanner.text($0) }.joined(separator: "|")) }
                }
                #expect(pieces == whole)
                checked += 1
            }
        }
        #expect(checked == 160)
    }
}
