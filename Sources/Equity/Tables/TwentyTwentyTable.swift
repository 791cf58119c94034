/// The 20:20 index for every area of a small-area file, in one pass over the file.
public enum TwentyTwentyTable {
    /// One row per area: code (and name), lsoas, mdq, ldq, ldq_mdq, index_20_20, the 10:10
    /// columns and a note.
    public static func compute(reader: CSVReader, areaColumn: Int, nameColumn: Int?, decileColumn: Int,
                               format: TableFormat = .csv) throws -> ByteWriter {
        var index: [String: Int] = [:]
        var codes: [String] = [], names: [String] = [], deciles: [[Int]] = [], missing: [Int] = []
        try reader.forEachRow { s in
            let code = s.text(areaColumn)
            let d = try reader.number(s, decileColumn)
            guard d.isNaN || (d == d.rounded() && d >= 1 && d <= 10) else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: decileColumn + 1),
                                               reason: "decile \(MessageText.quoted(s.text(decileColumn))) is not a whole number from 1 to 10")
            }
            let k: Int
            if let found = index[code] { k = found } else {
                k = codes.count
                index[code] = k
                codes.append(code)
                names.append(nameColumn.map { s.text($0) } ?? "")
                deciles.append([])
                missing.append(0)
            }
            // A small area without a decile is kept out of the counts, and its area's row says so.
            if d.isNaN { missing[k] += 1 } else { deciles[k].append(Int(d)) }
        }
        let out = ByteWriter()
        out.format = format
        out.header([reader.header[areaColumn]] + (nameColumn.map { [reader.header[$0]] } ?? [])
                      + ["lsoas", "mdq", "ldq", "ldq_mdq", "index_20_20", "mdq_10", "ldq_10", "ldq_mdq_10", "index_10_10", "note"])
        for k in 0..<codes.count {
            let t = TwentyTwenty(deciles: deciles[k])
            out.field(codes[k])
            if nameColumn != nil { out.field(names[k]) }
            out.field(t.areas); out.field(t.mostDeprived); out.field(t.leastDeprived); out.field(t.ratioText); out.field(t.index)
            out.field(t.mostDeprivedTenth); out.field(t.leastDeprivedTenth); out.field(t.tenTenText); out.field(t.tenTenIndex)
            let m = missing[k]
            out.field(m == 0 ? "" : "\(m) small area\(m == 1 ? "" : "s") without a decile left out of the counts")
            out.endRow()
        }
        out.finishTable()
        return out
    }
}
