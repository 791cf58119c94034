/// GeoDa/PySAL weights files, which spdep also reads (`read.gal`, `read.gwt2nb`) and writes
/// (`write.nb.gal`, `write.sn2gwt`):
///
/// - `.gal` (contiguity): a header line (`n`, or `0 n shapefile idvariable`), then per area a
///   line `id k` followed by a line of its k neighbours' ids;
/// - `.gwt` (weighted, possibly asymmetric): a header line, then one `i j w` line per link.
///
/// Ids are text (GeoDa writes integers or codes). Reading aligns the file to the order of the
/// data's ids; every link must name known areas, and each area may appear once (a `.gal`).
public enum WeightsFile {
    /// Whether the path is a weights file this reads.
    public static func handles(_ path: String) -> Bool {
        let p = path.lowercased()
        return p.hasSuffix(".gal") || p.hasSuffix(".gwt")
    }

    /// Reads a `.gal` or `.gwt` file into weights over `ids` (nil: the file's own order).
    public static func read(path: String, ids: [String]? = nil) throws -> SpatialWeights {
        if let w = MemoryFiles.weights(path) { return try inMemory(w, name: path, ids: ids) }
        let file = try MappedFile.open(path)
        let text = String(decoding: file.bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        guard !lines.isEmpty else { throw EquityError.malformedInput(SourceLocation(file: path, line: 1, column: 1), reason: "empty weights file") }
        func fields(_ k: Int) -> [String] { lines[k].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init) }
        func fail(_ k: Int, _ reason: String) -> EquityError { .malformedInput(SourceLocation(file: path, line: k + 1, column: 1), reason: reason) }
        let header = fields(0)
        guard let nText = header.count >= 2 ? header[1] : header.first, let declared = Int(nText), declared >= 0 else {
            throw fail(0, "the header must give the number of areas (`n` or `0 n shapefile id`)")
        }
        var links: [(String, String, Double)] = []
        var fileIds: [String] = []
        if path.lowercased().hasSuffix(".gal") {
            var k = 1
            var seen = Set<String>()
            while k < lines.count {
                let head = fields(k)
                guard head.count == 2, let count = Int(head[1]), count >= 0 else { throw fail(k, "expected `id number-of-neighbours`") }
                guard seen.insert(head[0]).inserted else { throw fail(k, "area \(head[0]) appears twice") }
                fileIds.append(head[0])
                let nb = k + 1 < lines.count ? fields(k + 1) : []
                guard nb.count == count else { throw fail(k + 1, "area \(head[0]) should have \(count) neighbours, the line lists \(nb.count)") }
                for j in nb { links.append((head[0], j, 1)) }
                k += 2
            }
            guard fileIds.count == declared else { throw fail(0, "the header says \(declared) areas, the file has \(fileIds.count)") }
        } else {
            var seen = Set<String>()
            for k in 1..<lines.count {
                let f = fields(k)
                guard f.count == 3, case let .number(w) = NumberParsing.parse(f[2]), w.isFinite else { throw fail(k, "expected `i j weight`") }
                links.append((f[0], f[1], w))
                if seen.insert(f[0]).inserted { fileIds.append(f[0]) }
            }
        }
        let order = ids ?? fileIds
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var rows = [[(Int32, Double)]](repeating: [], count: order.count)
        for (a, b, w) in links {
            guard let i = index[a] else { throw EquityError.invalidValue(SourceLocation(file: path, line: 1, column: 1), reason: "area \(a) of the weights is not in the data") }
            guard let j = index[b] else { throw EquityError.invalidValue(SourceLocation(file: path, line: 1, column: 1), reason: "area \(b) of the weights is not in the data") }
            guard i != j else { throw EquityError.invalidValue(SourceLocation(file: path, line: 1, column: 1), reason: "area \(a) is its own neighbour") }
            rows[i].append((Int32(j), w))
        }
        var offsets = [0], neighbours: [Int32] = [], original: [Double] = []
        for r in rows {
            for (j, w) in r.sorted(by: { $0.0 < $1.0 }) { neighbours.append(j); original.append(w) }
            offsets.append(neighbours.count)
        }
        return SpatialWeights(ids: order, offsets: offsets, neighbours: neighbours, original: original)
    }

    /// The weights as a `.gal` file (contiguity: the neighbour lists; weights ignored).
    public static func gal(_ w: SpatialWeights, idVariable: String = "id") -> ByteWriter {
        let out = ByteWriter()
        out.append(raw: "0 \(w.count) equity \(idVariable)\n")
        for i in 0..<w.count {
            out.append(raw: "\(w.ids[i]) \(w.offsets[i + 1] - w.offsets[i])\n")
            out.append(raw: (w.offsets[i]..<w.offsets[i + 1]).map { w.ids[Int(w.neighbours[$0])] }.joined(separator: " "))
            out.append(raw: "\n")
        }
        return out
    }

    /// The weights as a `.gwt` file (one `i j w` line per link, original weights).
    public static func gwt(_ w: SpatialWeights, idVariable: String = "id") -> ByteWriter {
        let out = ByteWriter()
        out.append(raw: "0 \(w.count) equity \(idVariable)\n")
        for i in 0..<w.count {
            for k in w.offsets[i]..<w.offsets[i + 1] {
                out.append(raw: "\(w.ids[i]) \(w.ids[Int(w.neighbours[k])]) ")
                out.append(w.original[k])
                out.append(raw: "\n")
            }
        }
        return out
    }

    /// Weights registered in memory (the C ABI), in the order of `ids`: every id must be among
    /// the weights' areas (a link to an area not in `ids` is dropped, as for a file).
    static func inMemory(_ w: SpatialWeights, name: String, ids: [String]?) throws -> SpatialWeights {
        guard let ids, ids != w.ids else { return w }
        let index = Dictionary(w.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try ids.map { id -> Int in
            guard let r = index[id] else { throw EquityError.invalidArgument("area \(MessageText.quoted(id)) is not in the weights") }
            return r
        }
        return w.subset(rows)
    }
}
