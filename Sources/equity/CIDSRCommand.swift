import ArgumentParser
import Equity

struct CIDSRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsr",
        abstract: "Directly standardised rates with Dobson limits (PHE phe_dsr / calculate_dsr).",
        discussion: """
        One row per age band (and group). The standard population is the European Standard
        Population 2013 unless --standard-population names a column: with --age-band the bands are
        matched by their labels (0-4, 5-9, …, 90+), otherwise each group must list the 19 ESP bands
        in order. With --event-frequency, rows hold numbers of people with that many events in the
        band (PHE 2.1 non-independent events) and --age-band is required.

        Example:
          equity ci dsr --input Fixtures/dsr_by_age.csv --group-by area --numerator deaths --denominator population \\
            --age-band ageband --confidence 0.95,0.998
        """
    )

    @OptionGroup var common: CommonOptions
    @Option(name: [.customLong("numerator"), .customLong("count")], help: "Column with events (or people, with --event-frequency).")
    var numerator: String
    @Option(name: [.customLong("denominator"), .customLong("population")], help: "Column with the band population.")
    var denominator: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: String?
    @Option(name: .customLong("age-band"), help: "Column with age-band labels (0-4 … 90+).") var ageBand: String?
    @Option(name: .customLong("standard-population"), help: "Column with the standard population per band (default: ESP 2013).")
    var standardPopulation: String?
    @Option(name: .customLong("event-frequency"), help: "Column with the number of events per person (non-independent events).")
    var eventFrequency: String?
    @Option(parsing: .unconditional, help: "Rate per this many (default 100000).") var multiplier: Double = 100_000

    mutating func validate() throws {
        guard multiplier > 0, multiplier.isFinite else { throw ValidationError("--multiplier must be a positive number") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: common.output)
            let dsr = DirectlyStandardisedRate(confidence: try common.levels(), multiplier: multiplier)
            let reader = try CSVReader(path: common.input)
            var numeric = [try reader.column(numerator), try reader.column(denominator)]
            if let s = standardPopulation { numeric.append(try reader.column(s)) }
            let freqIndex = numeric.count
            if let f = eventFrequency {
                guard ageBand != nil else { throw EquityError.invalidArgument("--event-frequency needs --age-band to gather each band's rows") }
                numeric.append(try reader.column(f))
            }
            let text = try ageBand.map { [try reader.column($0)] } ?? []
            let groups = try GroupedColumns(reader: reader, groupColumns: try columnList(groupBy).map { try reader.column($0) },
                                            numeric: numeric, text: text)
            let x = groups.numeric(0), n = groups.numeric(1)
            let w = standardPopulation != nil ? groups.numeric(2) : nil
            let f = eventFrequency != nil ? groups.numeric(freqIndex) : nil
            let labels = ageBand != nil ? groups.text(0) : nil
            for r in 0..<x.count {
                if x[r] < 0 { throw groups.fail(row: r, numeric: 0, "count \(NumberFormatting.string(x[r])) is negative") }
                if n[r] < 0 { throw groups.fail(row: r, numeric: 1, "population \(NumberFormatting.string(n[r])) is negative") }
                if let w, w[r] < 0 { throw groups.fail(row: r, numeric: 2, "standard population \(NumberFormatting.string(w[r])) is negative") }
                if let f, f[r] < 1 || f[r] != f[r].rounded() {
                    throw groups.fail(row: r, numeric: freqIndex, "event frequency must be a whole number of at least 1")
                }
            }
            let out = ByteWriter()
            out.appendRow(groups.groupNames + ["total_count", "total_pop", "value"] + dsr.confidence.columnNames
                          + ["confidence", "statistic", "method", "note"])
            for g in 0..<groups.keys.count {
                let rows = groups.members[g]
                var bands: [DirectlyStandardisedRate.Band] = []
                var note = ""
                if let labels {
                    // Gather rows by band label (several rows per band with event frequencies).
                    var order: [String] = [], byLabel: [String: DirectlyStandardisedRate.Band] = [:]
                    for r in rows {
                        let freq = f?[r] ?? 1
                        let standard: Double
                        if let w { standard = w[r] } else {
                            guard let b = StandardPopulation.esp2013Band(label: labels[r]) else {
                                throw groups.fail(row: r, text: 0, "age band \(MessageText.quoted(labels[r])) is not an ESP 2013 band (0-4, 5-9, …, 85-89, 90+)")
                            }
                            standard = StandardPopulation.esp2013[b]
                        }
                        let events = x[r].isNaN ? Double.nan : freq * x[r]
                        let v = x[r].isNaN ? Double.nan : freq * freq * x[r]
                        if var b = byLabel[labels[r]] {
                            if b.population != n[r] && !(b.population.isNaN && n[r].isNaN) {
                                throw groups.fail(row: r, numeric: 1, "population differs from the earlier row of age band \(MessageText.quoted(labels[r]))")
                            }
                            if f == nil { throw groups.fail(row: r, text: 0, "age band \(MessageText.quoted(labels[r])) appears twice in this group") }
                            b.events += events
                            b.varianceEvents += v
                            byLabel[labels[r]] = b
                        } else {
                            order.append(labels[r])
                            byLabel[labels[r]] = .init(events: events, population: n[r], standard: standard, varianceEvents: v)
                        }
                    }
                    bands = order.map { byLabel[$0]! }
                    if w == nil && bands.count != 19 {
                        note = "\(19 - bands.count) of the 19 ESP 2013 age bands absent from this group"
                    }
                } else {
                    if w == nil && rows.count != 19 {
                        throw EquityError.invalidValue(groups.location(row: rows[0], numeric: 0),
                            reason: "group \(groups.keys[g].joined(separator: ", ")) has \(rows.count) rows; the ESP 2013 needs its 19 age bands (0-4 … 90+) in order, or give --age-band or --standard-population")
                    }
                    bands = rows.enumerated().map { k, r in
                        .init(events: x[r], population: n[r], standard: w?[r] ?? StandardPopulation.esp2013[k])
                    }
                }
                var result = dsr.compute(bands, independent: f == nil)
                if !note.isEmpty { result.interval.note = [result.interval.note, note].filter { !$0.isEmpty }.joined(separator: "; ") }
                groups.appendKey(g, to: out)
                out.field(result.totalCount)
                out.field(result.totalPopulation)
                out.appendInterval(result.interval, confidence: dsr.confidence, statistic: dsr.statistic)
                out.endRow()
            }
            try outputFile.write(out)
            try outputFile.commit()
        }
    }
}
