/// `equity aggregate`: small-area rows summed to larger areas through a lookup CSV.
public enum AggregationTable {
    /// A lookup CSV's columns: one row per (small area, larger area) link, as ONS lookups
    /// (`LSOA11CD,WD19CD,WD19NM,…`; `LSOA11CD,LSOA21CD,CHGIND`).
    public struct Lookup: Sendable {
        /// The file.
        public var path: String
        /// Small-area code column.
        public var from: String
        /// Larger-area code column.
        public var to: String
        /// Larger-area name column (optional).
        public var name: String?
        /// Weight column dividing split areas (optional; e.g. population of each part).
        public var weight: String?

        /// A lookup.
        public init(path: String, from: String, to: String, name: String? = nil, weight: String? = nil) {
            self.path = path
            self.from = from
            self.to = to
            self.name = name
            self.weight = weight
        }
    }

    /// The lookup read: larger areas in first-appearance order, links by small-area code.
    public struct LookupTable: Sendable {
        /// Larger-area codes.
        public var targets: [String]
        /// Their names ("" without a name column).
        public var names: [String]
        /// (target, weight) links of each small area.
        public var links: [String: [(target: Int, weight: Double)]]
        /// Small areas per larger area in the whole lookup.
        public var sourcesPerTarget: [Int]
    }

    /// Reads a lookup, rejecting empty codes, repeated links and bad weights with their row.
    public static func read(_ lookup: Lookup) throws -> LookupTable {
        let r = try CSVReader(path: lookup.path)
        let text = [try r.column(lookup.from), try r.column(lookup.to)] + (try lookup.name.map { [try r.column($0)] } ?? [])
        let numeric = try lookup.weight.map { [try r.column($0)] } ?? []
        let d = try r.readColumns(numeric: numeric, text: text)
        var targetIndex: [String: Int] = [:]
        var table = LookupTable(targets: [], names: [], links: [:], sourcesPerTarget: [])
        var seen = Set<String>()
        for i in 0..<d.rowCount {
            let from = d.text[0][i], to = d.text[1][i]
            func fail(_ k: Int, _ reason: String) -> EquityError {
                .invalidValue(SourceLocation(file: r.name, line: d.lines[i], column: k + 1), reason: reason)
            }
            if from.isEmpty { throw fail(text[0], "small-area code is empty") }
            if to.isEmpty { throw fail(text[1], "code of the area \(from) maps to is empty") }
            if !seen.insert(from + "\u{1}" + to).inserted { throw fail(text[1], "link \(from) → \(to) appears twice") }
            let w = lookup.weight != nil ? d.numeric[0][i] : 1
            if !(w.isFinite && w >= 0) { throw fail(numeric[0], "weight must be a number, zero or more") }
            let t: Int
            if let k = targetIndex[to] { t = k } else {
                t = table.targets.count
                targetIndex[to] = t
                table.targets.append(to)
                table.names.append(lookup.name != nil ? d.text[2][i] : "")
                table.sourcesPerTarget.append(0)
            }
            table.sourcesPerTarget[t] += 1
            table.links[from, default: []].append((t, w))
        }
        return table
    }

    /// One row per group and larger area with any small area in the input: group columns, the
    /// larger area's code (and name), areas (small areas found), areas_in_lookup, the summed
    /// columns, note (missing small areas; split areas apportioned or not).
    public static func run(input: String, code: String, sum: [String], groupBy: [String] = [], lookup spec: Lookup,
                           format: TableFormat = .csv) throws -> ByteWriter {
        guard !sum.isEmpty else { throw EquityError.invalidArgument("give the columns to sum") }
        let lookup = try read(spec)
        let reader = try CSVReader(path: input)
        let grouped = try GroupedColumns(reader: reader, groupColumns: try groupBy.map { try reader.column($0) },
                                         numeric: try sum.map { try reader.column($0) }, text: [try reader.column(code)])
        let codes = grouped.text(0)
        let columns = (0..<sum.count).map { grouped.numeric($0) }
        let out = ByteWriter()
        out.format = format
        out.header(grouped.groupNames + [spec.to] + (spec.name.map { [$0] } ?? []) + ["areas", "areas_in_lookup"] + sum + ["note"])
        for g in 0..<grouped.keys.count {
            let rows = grouped.members[g]
            var index: [String: Int] = [:]
            var links: [AreaAggregation.Link] = []
            for (s, r) in rows.enumerated() {
                let c = codes[r]
                if index.updateValue(s, forKey: c) != nil { throw grouped.fail(row: r, text: 0, "area \(c) appears twice") }
                guard let ls = lookup.links[c] else { throw grouped.fail(row: r, text: 0, "area \(c) is not in the lookup \(spec.path)") }
                for k in 0..<sum.count where !columns[k][r].isFinite {
                    throw grouped.fail(row: r, numeric: k, "'\(sum[k])' must be a number (missing values cannot be summed)")
                }
                for l in ls { links.append(AreaAggregation.Link(source: s, target: l.target, weight: l.weight)) }
            }
            let local = rows.map { r in columns.map { $0[r] } }
            let result = try AreaAggregation.aggregate(columns: (0..<sum.count).map { k in local.map { $0[k] } }, links: links,
                                                       targetCount: lookup.targets.count, apportion: spec.weight != nil)
            for t in 0..<lookup.targets.count where result.areas[t] > 0 {
                grouped.appendKey(g, to: out)
                out.field(lookup.targets[t])
                if spec.name != nil { out.field(lookup.names[t]) }
                out.field(Double(result.areas[t]))
                out.field(Double(lookup.sourcesPerTarget[t]))
                for k in 0..<sum.count { out.field(result.sums[k][t]) }
                var notes: [String] = []
                if result.areas[t] < lookup.sourcesPerTarget[t] {
                    notes.append("\(lookup.sourcesPerTarget[t] - result.areas[t]) of \(lookup.sourcesPerTarget[t]) small areas missing from the input")
                }
                if !result.unapportioned[t].isEmpty {
                    let names = result.unapportioned[t].map { codes[rows[$0]] }.joined(separator: " ")
                    notes.append("split area \(names) shared with other areas: not summed (give a lookup weight to apportion)")
                }
                if !result.apportioned[t].isEmpty {
                    notes.append("apportioned by weight: \(result.apportioned[t].map { codes[rows[$0]] }.joined(separator: " "))")
                }
                out.field(notes.joined(separator: "; "))
                out.endRow()
            }
        }
        out.finishTable()
        return out
    }
}
