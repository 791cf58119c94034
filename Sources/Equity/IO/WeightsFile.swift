/// GeoDa/PySAL weights files, which spdep also reads (`read.gal`, `read.gwt2nb`) and writes
/// (`write.nb.gal`, `write.sn2gwt`):
///
/// - `.gal` (contiguity): a header line (`n`, or `0 n shapefile idvariable`), then per area a
///   line `id k` followed by a line of its k neighbours' ids;
/// - `.gwt` (weighted, possibly asymmetric): a header line, then one `i j w` line per link.
///
/// - a links CSV (`.csv`, `.csv.gz`): a header `id,neighbour,weight`, then one row per directed
///   link (what `equity weights --links` writes; spdep's `listw2sn` from/to/weight with ids).
///
/// Ids are text (GeoDa writes integers or codes). Reading aligns the file to the order of the
/// data's ids; every link must name known areas, and each area may appear once (a `.gal`).
/// An area may be its own neighbour (kernel weights carry the diagonal; local statistics refuse
/// such weights with their own message).
public enum WeightsFile {
    /// Whether the path is a weights file this reads.
    public static func handles(_ path: String) -> Bool {
        let p = path.lowercased()
        return p.hasSuffix(".gal") || p.hasSuffix(".gwt") || isLinks(p)
    }

    static func isLinks(_ lowercased: String) -> Bool {
        lowercased.hasSuffix(".csv") || lowercased.hasSuffix(".csv.gz")
    }

    /// Reads a `.gal`, `.gwt` or links CSV into weights over `ids` (nil: the file's own order).
    public static func read(path: String, ids: [String]? = nil) throws -> SpatialWeights {
        if let w = MemoryFiles.weights(path) { return try inMemory(w, name: path, ids: ids) }
        if isLinks(path.lowercased()) { return try links(path: path, ids: ids) }
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
        var links: [Link] = []
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
                for j in nb { links.append(Link(from: head[0], to: j, weight: 1, line: k + 2, column: 1)) }
                k += 2
            }
            guard fileIds.count == declared else { throw fail(0, "the header says \(declared) areas, the file has \(fileIds.count)") }
        } else {
            var seen = Set<String>()
            for k in 1..<lines.count {
                let f = fields(k)
                guard f.count == 3, case let .number(w) = NumberParsing.parse(f[2]), w.isFinite else { throw fail(k, "expected `i j weight`") }
                links.append(Link(from: f[0], to: f[1], weight: w, line: k + 1, column: 1))
                if seen.insert(f[0]).inserted { fileIds.append(f[0]) }
            }
        }
        return try assemble(links, fileIds: fileIds, ids: ids, name: path)
    }

    /// One link as read, with where it was read (for messages).
    struct Link {
        var from: String, to: String, weight: Double, line: Int, column: Int
    }

    /// A links CSV (`id,neighbour,weight`) over `ids` (nil: the order in which areas first appear).
    static func links(path: String, ids: [String]?) throws -> SpatialWeights {
        let reader = try CSVReader(path: path)
        let (a, b, c) = (try reader.column("id"), try reader.column("neighbour"), try reader.column("weight"))
        var links: [Link] = []
        var fileIds: [String] = []
        var seen = Set<String>()
        try reader.forEachRow { s in
            let w = try reader.number(s, c)
            guard w.isFinite else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c + 1), reason: "the weight is missing")
            }
            let from = s.text(a), to = s.text(b)
            links.append(Link(from: from, to: to, weight: w, line: s.line, column: a + 1))
            if seen.insert(from).inserted { fileIds.append(from) }
        }
        return try assemble(links, fileIds: fileIds, ids: ids, name: reader.name)
    }

    /// Compressed rows over `ids` (or `fileIds`) from the links read; each row sorted.
    static func assemble(_ links: [Link], fileIds: [String], ids: [String]?, name: String) throws -> SpatialWeights {
        let order = ids ?? fileIds
        let index = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows = [[(neighbour: Int32, weight: Double, line: Int)]](repeating: [], count: order.count)
        for link in links {
            for id in [link.from, link.to] where index[id] == nil {
                throw EquityError.invalidValue(SourceLocation(file: name, line: link.line, column: link.column),
                                               reason: "area \(MessageText.quoted(id)) of the weights is not in the data")
            }
            rows[index[link.from]!].append((Int32(index[link.to]!), link.weight, link.line))
        }
        var offsets = [0], neighbours: [Int32] = [], original: [Double] = []
        for (i, r) in rows.enumerated() {
            let sorted = r.sorted(by: { ($0.neighbour, $0.line) < ($1.neighbour, $1.line) })
            for k in sorted.indices.dropFirst() where sorted[k].neighbour == sorted[k - 1].neighbour {
                throw EquityError.invalidValue(SourceLocation(file: name, line: sorted[k].line, column: 1),
                                               reason: "the link \(MessageText.quoted(order[i])) → \(MessageText.quoted(order[Int(sorted[k].neighbour)])) appears twice")
            }
            for link in sorted { neighbours.append(link.neighbour); original.append(link.weight) }
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
