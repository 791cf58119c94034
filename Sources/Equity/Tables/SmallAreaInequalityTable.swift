/// `equity deprivation-sii`: small-area rows (code, deprivation, population, count, optional age
/// band) to population-weighted deprivation quantiles, sums and values per quantile with PHE
/// limits, and the SII/RII — with each step's table.
///
/// Quantiles are assigned within each group (the `groupBy` key: e.g. year, or local authority for
/// local deciles), or nationally from a `reference` file (e.g. all 32,844 LSOAs of England with
/// their IMD score and population), looked up by area code.
public enum SmallAreaInequalityTable {
    /// The input's column names.
    public struct Columns: Sendable {
        /// Area code (one area per code and group; with age bands, one row per band).
        public var code: String
        /// Deprivation score or rank (nil when `reference` supplies it).
        public var deprivation: String?
        /// Population (the denominator, and the quantiles' weight).
        public var population: String
        /// Count of events (numerator).
        public var count: String
        /// Group columns: one set of quantiles and one SII per group.
        public var groupBy: [String] = []
        /// Age band column (DSRs; ESP 2013 labels such as `0-4`, `90+`).
        public var ageBand: String?

        /// The columns.
        public init(code: String, deprivation: String?, population: String, count: String, groupBy: [String] = [], ageBand: String? = nil) {
            self.code = code
            self.deprivation = deprivation
            self.population = population
            self.count = count
            self.groupBy = groupBy
            self.ageBand = ageBand
        }
    }

    /// A national (or other) file whose quantiles every input area takes by its code.
    public struct Reference: Sendable {
        /// The file.
        public var path: String
        /// Its code column.
        public var code: String
        /// Its deprivation column.
        public var deprivation: String
        /// Its weight column (nil: every area weighs 1).
        public var population: String?

        /// A reference file.
        public init(path: String, code: String, deprivation: String, population: String?) {
            self.path = path
            self.code = code
            self.deprivation = deprivation
            self.population = population
        }
    }

    /// The three tables.
    public struct Tables {
        /// Per area: group, code, deprivation, population, quantile.
        public var areas: ByteWriter
        /// Per group and quantile: areas, count, population, value with limits.
        public var quantiles: ByteWriter
        /// Per group: the SII/RII table of `equity sii`.
        public var sii: ByteWriter
    }

    /// Reads, assigns, aggregates and computes. `weighted` false weighs every area 1.
    public static func run(input: String, columns c: Columns, quantiles: DeprivationQuantiles, weighted: Bool = true,
                           reference: Reference? = nil, pipeline: SmallAreaInequality, format: TableFormat = .csv,
                           threads: Int = Parallelism.threads) throws -> Tables {
        guard c.deprivation != nil || reference != nil else { throw EquityError.invalidArgument("give the deprivation column, or a reference file") }
        var pipeline = pipeline
        pipeline.quantileCount = quantiles.count
        let nb = pipeline.bands
        if nb > 1 && c.ageBand == nil { throw EquityError.invalidArgument("a DSR needs the age band column") }
        if nb == 1 && c.ageBand != nil { throw EquityError.invalidArgument("an age band column applies to DSRs only") }

        // National quantiles by code.
        var referenceQuantile: [String: Int] = [:]
        if let reference {
            let r = try CSVReader(path: reference.path)
            let numericColumns = [try r.column(reference.deprivation)] + (try reference.population.map { [try r.column($0)] } ?? [])
            let data = try r.readColumns(numeric: numericColumns, text: [try r.column(reference.code)])
            let codes = data.text[0]
            var seen = Set<String>()
            for (i, code) in codes.enumerated() where !seen.insert(code).inserted {
                throw EquityError.invalidValue(SourceLocation(file: r.name, line: data.lines[i], column: numericColumns.count + 1),
                                               reason: "area \(code) appears twice in the reference file")
            }
            let q: [Int]
            do {
                q = try quantiles.assign(deprivation: data.numeric[0], weights: reference.population == nil ? nil : data.numeric[1])
            } catch {
                let col = numericColumns[min(error.issue.input, numericColumns.count - 1)]
                throw EquityError.invalidValue(SourceLocation(file: r.name, line: data.lines[error.index], column: col + 1),
                                               reason: "'\(r.header[col])': \(error.issue.reason)")
            }
            referenceQuantile.reserveCapacity(codes.count)
            for (i, code) in codes.enumerated() { referenceQuantile[code] = q[i] }
        }

        let reader = try CSVReader(path: input)
        var numeric = [try reader.column(c.population), try reader.column(c.count)]
        if let d = c.deprivation { numeric.append(try reader.column(d)) }
        let text = [try reader.column(c.code)] + (try c.ageBand.map { [try reader.column($0)] } ?? [])
        let grouped = try GroupedColumns(reader: reader, groupColumns: try c.groupBy.map { try reader.column($0) }, numeric: numeric, text: text)
        let pop = grouped.numeric(0), cnt = grouped.numeric(1)
        let dep = c.deprivation != nil ? grouped.numeric(2) : []
        let codes = grouped.text(0)
        let bandText = c.ageBand != nil ? grouped.text(1) : []

        let conf = pipeline.confidence
        let areasOut = ByteWriter(), quantOut = ByteWriter()
        areasOut.format = format
        quantOut.format = format
        areasOut.header(grouped.groupNames + [c.code, c.deprivation ?? reference?.deprivation ?? "deprivation", "population", "quantile"])
        quantOut.header(grouped.groupNames + ["quantile", "areas", "count", "population", "value"] + conf.columnNames
                        + ["confidence", "statistic", "method", "note"])

        var siiGroups: [SlopeIndex.Group?] = [], notes: [String] = []
        for g in 0..<grouped.keys.count {
            // Areas of the group, first-appearance order; bands placed by ESP 2013 label.
            var index: [String: Int] = [:]
            var areaCodes: [String] = [], areaDep: [Double] = [], firstRow: [Int] = []
            var counts: [Double] = [], pops: [Double] = []
            var filled: [Bool] = []
            for r in grouped.members[g] {
                let code = codes[r]
                if code.isEmpty { throw grouped.fail(row: r, text: 0, "area code is empty") }
                let n = pop[r], x = cnt[r]
                guard n.isFinite, n >= 0 else { throw grouped.fail(row: r, numeric: 0, "population must be a number, zero or more") }
                guard x.isFinite, x >= 0 else { throw grouped.fail(row: r, numeric: 1, "count must be a number, zero or more") }
                var b = 0
                if nb > 1 {
                    guard let band = StandardPopulation.esp2013Band(label: bandText[r]) else {
                        throw grouped.fail(row: r, text: 1, "age band '\(bandText[r])' is not one of the 19 ESP 2013 bands (0-4, 5-9, …, 90+)")
                    }
                    b = band
                }
                let a: Int
                if let k = index[code] {
                    a = k
                    if c.deprivation != nil && dep[r] != areaDep[a] {
                        throw grouped.fail(row: r, numeric: 2, "area \(code) has a different deprivation value on another row")
                    }
                } else {
                    a = areaCodes.count
                    index[code] = a
                    areaCodes.append(code)
                    areaDep.append(c.deprivation != nil ? dep[r] : .nan)
                    firstRow.append(r)
                    counts += [Double](repeating: 0, count: nb)
                    pops += [Double](repeating: 0, count: nb)
                    filled += [Bool](repeating: false, count: nb)
                }
                if filled[a * nb + b] {
                    throw grouped.fail(row: r, text: nb > 1 ? 1 : 0, nb > 1 ? "area \(code) has age band \(bandText[r]) twice" : "area \(code) appears twice")
                }
                filled[a * nb + b] = true
                counts[a * nb + b] = x
                pops[a * nb + b] = n
            }
            let areaPop = (0..<areaCodes.count).map { a in (0..<nb).reduce(0.0) { $0 + pops[a * nb + $1] } }
            var q: [Int]
            if reference != nil {
                q = []
                for (a, code) in areaCodes.enumerated() {
                    guard let k = referenceQuantile[code] else {
                        throw grouped.fail(row: firstRow[a], text: 0, "area \(code) is not in the reference file \(reference!.path)")
                    }
                    q.append(k)
                    if c.deprivation == nil { areaDep[a] = .nan }
                }
            } else {
                do {
                    q = try quantiles.assign(deprivation: areaDep, weights: weighted ? areaPop : nil)
                } catch {
                    throw grouped.fail(row: firstRow[error.index], numeric: error.issue.input == 0 ? 2 : 0, error.issue.reason)
                }
            }
            for a in 0..<areaCodes.count {
                grouped.appendKey(g, to: areasOut)
                areasOut.field(areaCodes[a])
                if areaDep[a].isNaN { areasOut.field("") } else { areasOut.field(areaDep[a]) }
                areasOut.field(areaPop[a])
                areasOut.field(Double(q[a]))
                areasOut.endRow()
            }
            let values = try pipeline.quantileValues(counts: counts, populations: pops, quantile: q)
            for v in values {
                grouped.appendKey(g, to: quantOut)
                quantOut.field(Double(v.quantile))
                quantOut.field(Double(v.areas))
                quantOut.field(v.count)
                quantOut.field(v.population)
                quantOut.appendInterval(v.interval, confidence: conf, statistic: pipeline.statisticText)
                quantOut.endRow()
            }
            let values95 = conf == .ninetyFive ? values : try pipeline.quantileValues(counts: counts, populations: pops, quantile: q, confidence: .ninetyFive)
            let (group, note) = pipeline.slopeIndexGroup(values95)
            siiGroups.append(group)
            notes.append(note)
        }
        areasOut.finishTable()
        quantOut.finishTable()
        let table = SIITable(groupNames: grouped.groupNames, keys: grouped.keys, groups: siiGroups, notes: notes)
        let sii = try SIIRunner.run(table, options: pipeline.slopeIndexOptions, format: format, threads: threads)
        return Tables(areas: areasOut, quantiles: quantOut, sii: sii)
    }
}
