import Dispatch

extension IndicatorAnalysis {
    /// The columns of the `equity compare` table (binding: users' scripts read them).
    public static let compareHeader = ["indicator_id", "area_code", "area_name", "sex", "age", "category_type", "category", "period",
                                       "value", "lowercl", "uppercl", "count", "denominator",
                                       "comparator", "comparator_code", "comparator_name", "comparator_value", "comparison", "rag",
                                       "rank", "rank_of", "previous_period", "previous_value", "change_since_previous", "change",
                                       "change_lower95", "change_upper95", "published", "agrees", "note"]

    /// The columns of the `equity trend` table (binding), before the optional APC columns.
    public static let trendHeader = ["indicator_id", "area_code", "area_name", "sex", "age", "category_type", "category", "trend",
                                     "chi_squared", "slope", "points", "method", "latest_period", "note"]

    /// Writes the `equity compare` CSV: series are cut into chunks, a window of chunks is
    /// formatted on all cores, then written in order — memory stays bounded by the window.
    public func compare(areas: Set<String>? = nil, into out: ByteWriter, format: TableFormat = .csv, threads: Int = Parallelism.threads) {
        compare(areas: areas, format: format, threads: threads) { out.append($0.bytes) }
    }

    /// As above, handing each formatted chunk (in order) to `sink`.
    public func compare(areas: Set<String>? = nil, format: TableFormat = .csv, threads: Int = Parallelism.threads,
                        sink: (ByteWriter) throws -> Void) rethrows {
        try compare(areas: areas, format: format, threads: threads, agreement: { _, _ in }, sink: sink)
    }

    /// As above, also reporting how many published Fingertips labels agree and disagree with
    /// Equity's comparisons (counted over the whole table).
    public func compare(areas: Set<String>? = nil, format: TableFormat = .csv, threads: Int = Parallelism.threads,
                        agreement: (Int, Int) -> Void, sink: (ByteWriter) throws -> Void) rethrows {
        let head = ByteWriter(capacity: 512)
        head.format = format
        head.header(Self.compareHeader)
        try sink(head)
        let ids = areas.map { Set($0.compactMap { data.names.find($0.trimmingSpaces()) }) }
        let seriesCount = seriesStart.count - 1
        let chunks = max(1, min(seriesCount, max(threads * 4, seriesCount / 2000)))
        var agreeing = 0, disagreeing = 0
        var written = 0
        let names = data.names
        let d = data
        let indicatorIDs = d.indicatorOrder
        let indicatorList = d.indicatorOrder.map { d.indicators[$0]! }
        let labels = options.labels
        let emptyText = names.find("") ?? -1
        // Pieces of series are formatted on the workers while this thread hands finished pieces,
        // in order, to the sink.
        try OrderedProduction.run(count: chunks, threads: threads, slot: { ComparisonSlot(format: format) }, produce: { piece, slot in
            let w = slot.writer
            w.removeAll()
            w.rowsWritten = piece == 0 ? 0 : 1
            slot.agree = 0
            slot.disagree = 0
            let range = (seriesCount * piece / chunks)..<(seriesCount * (piece + 1) / chunks)
            let cache = slot.cache
            cache.row = -1
            cache.suffixRow = -1
            forEachComparison(series: range, areas: ids) { c in
                let ri = c.row
                let ind = indicatorList[Int(d.indicatorIndex[ri])]
                // The row's own fields are the same for each of its comparators: in CSV they are
                // formatted once and copied.
                func rowFields(_ out: ByteWriter) {
                    out.field(indicatorIDs[Int(d.indicatorIndex[ri])])
                    names.appendField(d.area[ri], to: out); names.appendField(d.areaName[ri], to: out)
                    names.appendField(d.sex[ri], to: out); names.appendField(d.age[ri], to: out)
                    names.appendField(d.categoryType[ri], to: out); names.appendField(d.category[ri], to: out)
                    names.appendField(d.period[ri], to: out)
                    out.field(d.value[ri]); out.field(d.lower95[ri]); out.field(d.upper95[ri]); out.field(d.count[ri]); out.field(d.denominator[ri])
                }
                if format == .csv {
                    if cache.row != ri {
                        cache.prefix.discardRow()
                        rowFields(cache.prefix)
                        cache.row = ri
                    }
                    cache.prefix.withBytes { w.appendCSVFields($0, fields: 13) }
                } else {
                    rowFields(w)
                }
                w.field(c.kind.rawValue)
                if c.kind == .neighbours {
                    let label = comparatorName(c)
                    w.field(label); w.field(label)
                } else {
                    names.appendField(c.code, to: w)
                    let nameID = Int(c.code) < areaNames.count ? areaNames[Int(c.code)] : -1
                    if nameID >= 0 { names.appendField(nameID, to: w) } else { names.appendField(c.code, to: w) }
                }
                w.field(c.comparatorValue)
                w.field(c.outcome.result.label(labels, polarity: ind.polarity)); w.field(c.outcome.rag?.rawValue ?? "")
                if let rank = c.rank { w.field(rank.rank); w.field(rank.of) } else { w.field(Double.nan); w.field(Double.nan) }
                func changeFields(_ out: ByteWriter) {
                    if let previous = c.previous { names.appendField(d.period[previous], to: out); out.field(d.value[previous]) } else { out.field(""); out.field(Double.nan) }
                    out.field(c.change?.result.rawValue ?? "")
                    out.field(c.change?.difference ?? .nan); out.field(c.change?.lower ?? .nan); out.field(c.change?.upper ?? .nan)
                }
                if format == .csv {
                    if cache.suffixRow != ri {
                        cache.suffix.discardRow()
                        changeFields(cache.suffix)
                        cache.suffixRow = ri
                    }
                    cache.suffix.withBytes { w.appendCSVFields($0, fields: 6) }
                } else {
                    changeFields(w)
                }
                names.appendField(c.published, to: w)
                if c.published == emptyText {
                    w.field("")
                } else if let p = cache.published[c.published] ?? {
                    // Decoded here, not through the interner's cache: workers run concurrently.
                    let parsed = BenchmarkResult.parsePublished(names.withBytes(c.published) { String(decoding: $0, as: UTF8.self) }, polarity: ind.polarity)
                    cache.published[c.published] = parsed
                    return parsed
                }() {
                    let agrees = p == c.outcome.result
                    w.field(agrees ? "yes" : "no")
                    if agrees { slot.agree += 1 } else { slot.disagree += 1 }
                } else {
                    w.field("unrecognised")
                }
                w.field(notes(c))
                w.endRow()
            }
        }, consume: { piece, slot in
            agreeing += slot.agree
            disagreeing += slot.disagree
            written += slot.writer.rowsWritten - (piece == 0 ? 0 : 1)
            try sink(slot.writer)
        })
        let tail = ByteWriter(capacity: 16)
        tail.format = format
        tail.rowsWritten = written
        tail.finishTable()
        try sink(tail)
        agreement(agreeing, disagreeing)
    }

    /// Writes the `equity trend` table: one row per series (or per series of `areas`) with the
    /// Fingertips recent-trend label (methods.md §4), and with `apc` the annual percentage change.
    public func writeTrends(areas: Set<String>? = nil, apc withAPC: Bool = false, into out: ByteWriter) {
        out.header(Self.trendHeader + (withAPC ? ["apc", "apc_lower95_0cl", "apc_upper95_0cl", "apc_points", "apc_model"] : []))
        let indicatorList = data.indicatorOrder.map { data.indicators[$0]! }
        let ids = areas.map { Set($0.compactMap { data.names.find($0) }) }
        let names = data.names, d = data
        for (si, t) in trendResults(areas: ids).enumerated() {
            guard let t else { continue }
            let i = t.first
            out.field(d.indicatorOrder[Int(d.indicatorIndex[i])])
            names.appendField(d.area[i], to: out); names.appendField(d.areaName[i], to: out)
            names.appendField(d.sex[i], to: out); names.appendField(d.age[i], to: out)
            names.appendField(d.categoryType[i], to: out); names.appendField(d.category[i], to: out)
            out.field(t.result.label.rawValue); out.field(t.result.chiSquared); out.field(t.result.slope); out.field(t.result.points)
            out.field(t.result.method?.rawValue ?? ""); names.appendField(d.period[t.last], to: out); out.field(t.result.note)
            if withAPC {
                let rows = (seriesStart[si]..<seriesStart[si + 1]).map { Int(order[$0]) }
                let (fit, model, points) = apc(rows, indicatorList[Int(d.indicatorIndex[i])])
                out.field(fit?.apc ?? .nan); out.field(fit?.lower ?? .nan); out.field(fit?.upper ?? .nan)
                out.field(fit == nil ? "" : String(points)); out.field(fit == nil ? "" : model)
            }
            out.endRow()
        }
        out.finishTable()
    }
}

/// Per-worker scratch of the compare writer: the formatted fields of the current data row and the
/// parsed published labels (a class, so the per-row closure does no exclusivity checks).
/// One reusable piece of the compare table: its writer, the fields cache and the tally of
/// published labels.
final class ComparisonSlot {
    let writer: ByteWriter
    let cache = WriterCache()
    var agree = 0, disagree = 0
    init(format: TableFormat) {
        writer = ByteWriter(capacity: 1 << 22)
        writer.format = format
        writer.setKeys(IndicatorAnalysis.compareHeader)
    }
}

final class WriterCache {
    @exclusivity(unchecked) var row = -1, suffixRow = -1
    let suffix: ByteWriter = {
        let w = ByteWriter(capacity: 256)
        w.format = .csv
        return w
    }()
    let prefix: ByteWriter = {
        let w = ByteWriter(capacity: 512)
        w.format = .csv
        return w
    }()
    @exclusivity(unchecked) var published: [Int32: BenchmarkResult?] = [:]
}
