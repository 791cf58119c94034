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
    ///
    /// Fields are read straight from the file's bytes and ids interned as bytes (no `String` per
    /// field): a million-area `.gal` reads in about a second.
    public static func read(path: String, ids: [String]? = nil) throws -> SpatialWeights {
        if let w = MemoryFiles.weights(path) { return try inMemory(w, name: path, ids: ids) }
        return try read(file: MappedFile.open(path), ids: ids)
    }

    /// Reads weights from a file already open (or bytes in memory), by its name's extension:
    /// `.gal`, `.gwt`, or a links CSV.
    public static func read(file: MappedFile, ids: [String]? = nil) throws -> SpatialWeights {
        let path = file.name
        if isLinks(path.lowercased()) { return try links(CSVReader(file: file), ids: ids) }
        let lines = TextLines(file.bytes)
        guard lines.count > 0 else { throw EquityError.malformedInput(SourceLocation(file: path, line: 1, column: 1), reason: "empty weights file") }
        func fail(_ k: Int, _ reason: String) -> EquityError { .malformedInput(SourceLocation(file: path, line: k + 1, column: 1), reason: reason) }
        var header: [UnsafeBufferPointer<UInt8>] = [], head = header, nb = header, f = header
        lines.fields(0, into: &header)
        guard let nText = header.count >= 2 ? header[1] : header.first, let declared = Int(text(nText)), declared >= 0 else {
            throw fail(0, "the header must give the number of areas (`n` or `0 n shapefile id`)")
        }
        var links = Links(capacity: min(declared, file.bytes.count / 4))  // an area takes at least 4 bytes
        if path.lowercased().hasSuffix(".gal") {
            var k = 1
            var seen: [Bool] = []
            while k < lines.count {
                lines.fields(k, into: &head)
                guard head.count == 2, let count = Int(text(head[1])), count >= 0 else { throw fail(k, "expected `id number-of-neighbours`") }
                let from = links.ids.intern(head[0])
                if Int(from) >= seen.count { seen.append(contentsOf: repeatElement(false, count: Int(from) + 1 - seen.count)) }
                guard !seen[Int(from)] else { throw fail(k, "area \(text(head[0])) appears twice") }
                seen[Int(from)] = true
                links.fileIds.append(from)
                if k + 1 < lines.count { lines.fields(k + 1, into: &nb) } else { nb.removeAll() }
                guard nb.count == count else { throw fail(k + 1, "area \(text(head[0])) should have \(count) neighbours, the line lists \(nb.count)") }
                for j in nb { links.append(from: from, to: links.ids.intern(j), weight: 1, line: k + 2, column: 1) }
                k += 2
            }
            guard links.fileIds.count == declared else { throw fail(0, "the header says \(declared) areas, the file has \(links.fileIds.count)") }
        } else {
            var seen: [Bool] = []
            for k in 1..<lines.count {
                lines.fields(k, into: &f)
                guard f.count == 3, let base = f[2].baseAddress,
                      case let .number(w) = NumberParsing.parse(base, 0, f[2].count), w.isFinite else { throw fail(k, "expected `i j weight`") }
                let from = links.ids.intern(f[0])
                links.append(from: from, to: links.ids.intern(f[1]), weight: w, line: k + 1, column: 1)
                if Int(from) >= seen.count { seen.append(contentsOf: repeatElement(false, count: Int(from) + 1 - seen.count)) }
                if !seen[Int(from)] { seen[Int(from)] = true; links.fileIds.append(from) }
            }
        }
        return try assemble(links, ids: ids, name: path)
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The lines of a weights text (a final `\r` dropped; trailing blank lines ignored) and the
    /// fields of a line (separated by spaces, tabs or commas).
    struct TextLines {
        let bytes: UnsafeBufferPointer<UInt8>
        var starts: [Int] = [], ends: [Int] = []

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            // Ignore trailing lines of spaces and tabs: the text ends with the line of the last
            // byte that is none of space, tab, CR or LF.
            var last = bytes.count - 1
            while last >= 0, bytes[last] == 0x20 || bytes[last] == 0x09 || bytes[last] == 0x0D || bytes[last] == 0x0A { last -= 1 }
            guard last >= 0 else { return }
            var end = last + 1
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var s = 0
            while s <= end {
                var e = s
                while e < end && bytes[e] != 0x0A { e += 1 }
                starts.append(s)
                ends.append(e > s && bytes[e - 1] == 0x0D ? e - 1 : e)
                s = e + 1
            }
        }

        var count: Int { starts.count }

        /// The fields of line `k`, into `out` (its storage reused from line to line).
        func fields(_ k: Int, into out: inout [UnsafeBufferPointer<UInt8>]) {
            out.removeAll(keepingCapacity: true)
            guard let base = bytes.baseAddress else { return }
            var i = starts[k]
            let e = ends[k]
            while i < e {
                while i < e && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x2C) { i += 1 }
                let f = i
                while i < e && !(bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x2C) { i += 1 }
                if i > f { out.append(UnsafeBufferPointer(start: base + f, count: i - f)) }
            }
        }
    }

    /// The links as read: interned ids, weights, and where each was read (for messages).
    struct Links {
        let ids: ByteInterner
        var from: [Int32] = [], to: [Int32] = [], weight: [Double] = [], line: [Int] = [], column: [Int32] = []
        /// Areas in the order they first appear as a link's origin (a `.gal`'s order).
        var fileIds: [Int32] = []

        init(capacity: Int) {
            ids = ByteInterner(capacity: max(capacity, 1024))
            fileIds.reserveCapacity(capacity)
        }

        mutating func append(from f: Int32, to t: Int32, weight w: Double, line l: Int, column c: Int) {
            from.append(f); to.append(t); weight.append(w); line.append(l); column.append(Int32(c))
        }
    }

    /// A links CSV (`id,neighbour,weight`) over `ids` (nil: the order in which areas first appear).
    static func links(_ reader: CSVReader, ids: [String]?) throws -> SpatialWeights {
        let (a, b, c) = (try reader.column("id"), try reader.column("neighbour"), try reader.column("weight"))
        var links = Links(capacity: 1024)
        var seen: [Bool] = []
        try reader.forEachRow { s in
            let w = try reader.number(s, c)
            guard w.isFinite else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c + 1), reason: "the weight is missing")
            }
            let from = links.ids.intern(s.unescapedField(a))
            let to = links.ids.intern(s.unescapedField(b))
            links.append(from: from, to: to, weight: w, line: s.line, column: a + 1)
            if Int(from) >= seen.count { seen.append(contentsOf: repeatElement(false, count: Int(from) + 1 - seen.count)) }
            if !seen[Int(from)] { seen[Int(from)] = true; links.fileIds.append(from) }
        }
        return try assemble(links, ids: ids, name: reader.name)
    }

    /// Compressed rows over `ids` (or the file's ids) from the links read; each row sorted by
    /// neighbour; a link given twice is an error naming its second line.
    static func assemble(_ links: Links, ids: [String]?, name: String) throws -> SpatialWeights {
        let order: [String]
        var index = [Int32](repeating: -1, count: links.ids.count)
        if let ids {
            order = ids
            for (k, id) in ids.enumerated() {
                if let t = links.ids.find(id), index[Int(t)] < 0 { index[Int(t)] = Int32(k) }
            }
        } else {
            order = links.fileIds.map { links.ids.string($0) }
            for (k, t) in links.fileIds.enumerated() { index[Int(t)] = Int32(k) }
        }
        let m = links.from.count
        var counts = [Int](repeating: 0, count: order.count + 1)
        for k in 0..<m {
            let unknown = index[Int(links.from[k])] < 0 ? links.from[k] : index[Int(links.to[k])] < 0 ? links.to[k] : -1
            if unknown >= 0 {
                throw EquityError.invalidValue(SourceLocation(file: name, line: links.line[k], column: Int(links.column[k])),
                                               reason: "area \(MessageText.quoted(links.ids.string(unknown))) of the weights is not in the data")
            }
            counts[Int(index[Int(links.from[k])]) + 1] += 1
        }
        for i in 0..<order.count { counts[i + 1] += counts[i] }
        // Links in file order within each row (a counting sort), then each row by neighbour.
        var slot = counts
        var byRow = [Int](repeating: 0, count: m)
        for k in 0..<m {
            let r = Int(index[Int(links.from[k])])
            byRow[slot[r]] = k
            slot[r] += 1
        }
        // Each row by neighbour (file order among equals, so a repeated link names its second
        // line); rows already in order — most files — are not sorted again.
        let target = links.to.map { index[Int($0)] }
        var neighbours = [Int32](repeating: 0, count: m), original = [Double](repeating: 0, count: m)
        var row: [Int] = []
        for i in 0..<order.count {
            row.removeAll(keepingCapacity: true)
            row.append(contentsOf: byRow[counts[i]..<counts[i + 1]])
            var ordered = true
            for q in row.indices.dropFirst() where target[row[q]] < target[row[q - 1]] { ordered = false; break }
            if !ordered {
                row.sort { a, b in target[a] != target[b] ? target[a] < target[b] : a < b }
            }
            for (q, k) in row.enumerated() {
                let j = target[k]
                if q > 0 && j == neighbours[counts[i] + q - 1] {
                    throw EquityError.invalidValue(SourceLocation(file: name, line: links.line[k], column: 1),
                                                   reason: "the link \(MessageText.quoted(order[i])) → \(MessageText.quoted(order[Int(j)])) appears twice")
                }
                neighbours[counts[i] + q] = j
                original[counts[i] + q] = links.weight[k]
            }
        }
        return SpatialWeights(ids: order, offsets: counts, neighbours: neighbours, original: original)
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
