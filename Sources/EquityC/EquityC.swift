#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Equity
import EquityCommands
import EquityCore

// The C ABI of Equity: plain pointers and lengths in, caller-allocated or library-allocated
// outputs out, an exit status and a message. The Python package (python/equity) calls it through
// ctypes; the declarations, for C callers:
//
//     const char *equity_version(void);
//     void equity_free(void *p);
//     int32_t equity_register_input(const char *path, const char *display, const uint8_t *bytes, int64_t length);
//     int32_t equity_register_weights(const char *path, int64_t n, const char *ids, const int64_t *id_offsets,
//                                     const int64_t *offsets, const int32_t *neighbours, const double *weights,
//                                     char **message);
//     int32_t equity_run(int32_t argc, const char *const *argv, const char *output_path,
//                        uint8_t **output, int64_t *output_length, char **messages);
//     int32_t equity_rowwise(int32_t statistic, int64_t n, const double *numerator, const double *denominator,
//                            double multiplier, int32_t levels, const double *confidence,
//                            double *value, double *lower, double *upper, int8_t *method, int32_t *note,
//                            char **texts);
//     int32_t equity_weights_polygons(int64_t features, const double *x, const double *y,
//                                     const int64_t *ring_offsets, int64_t rings,
//                                     const int64_t *polygon_rings, int64_t polygons,
//                                     const int64_t *feature_polygons, const char *ids, const int64_t *id_offsets,
//                                     int32_t lon_lat, int32_t rule, int32_t k,
//                                     int64_t **offsets, int32_t **neighbours, double **weights, char **message);
//     int32_t equity_weights_pairs(int64_t n, const char *ids, const int64_t *id_offsets, int64_t pairs,
//                                  const char *a, const int64_t *a_offsets, const char *b, const int64_t *b_offsets,
//                                  int64_t **offsets, int32_t **neighbours, double **weights, char **message);
//
// Status: 0 success; 1 bad data (the message is the line the CLI prints); 64 a usage error;
// 2 (equity_rowwise only) a row the fast path does not handle: run the command instead, which
// reports it as the CLI does. Memory returned through `**` parameters is the caller's, freed with
// equity_free. Registered inputs and weights last until an equity_run names them in its arguments
// (which then forgets them); names are process-wide, so callers on several threads use their own.

/// A C string the caller frees with `equity_free`.
private func cString(_ text: String) -> UnsafeMutablePointer<CChar> {
    var text = text
    return text.withUTF8 { utf8 in
        let p = malloc(utf8.count + 1)!.assumingMemoryBound(to: CChar.self)
        if let base = utf8.baseAddress { memcpy(p, base, utf8.count) }
        p[utf8.count] = 0
        return p
    }
}

/// `count` elements copied into memory the caller frees with `equity_free`.
private func cArray<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
    let p = malloc(max(1, values.count * MemoryLayout<T>.stride))!.assumingMemoryBound(to: T.self)
    values.withUnsafeBufferPointer { if let base = $0.baseAddress { p.update(from: base, count: $0.count) } }
    return p
}

/// Strings from a UTF-8 blob and `count + 1` byte offsets.
private func strings(_ blob: UnsafePointer<CChar>?, _ offsets: UnsafePointer<Int64>?, count: Int) -> [String] {
    guard count > 0, let offsets else { return [] }
    let raw = UnsafeRawPointer(blob).map { $0.assumingMemoryBound(to: UInt8.self) }
    return (0..<count).map { k in
        let start = Int(offsets[k]), end = Int(offsets[k + 1])
        guard let raw, end > start else { return "" }
        return String(decoding: UnsafeBufferPointer(start: raw + start, count: end - start), as: UTF8.self)
    }
}

/// Weights handed to the caller as compressed rows (`count + 1` offsets, neighbour indices and
/// original weights per link), each freed with `equity_free`.
private func hand(_ w: SpatialWeights, offsets: UnsafeMutablePointer<UnsafeMutablePointer<Int64>?>?,
                  neighbours: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>?,
                  weights: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>?) {
    offsets?.pointee = cArray(w.offsets.map { Int64($0) })
    neighbours?.pointee = cArray(w.neighbours)
    weights?.pointee = cArray(w.original)
}

/// The library's version (a static string; do not free).
@_cdecl("equity_version")
public func equity_version() -> UnsafePointer<CChar> {
    EquityABI.version
}

/// Frees memory the library returned.
@_cdecl("equity_free")
public func equity_free(_ p: UnsafeMutableRawPointer?) {
    free(p)
}

/// Registers `length` bytes as the input file `path` (which starts with `equity-memory:`),
/// named `display` in messages, until an `equity_run` that names it.
@_cdecl("equity_register_input")
public func equity_register_input(_ path: UnsafePointer<CChar>, _ display: UnsafePointer<CChar>,
                                  _ bytes: UnsafePointer<UInt8>?, _ length: Int64) -> Int32 {
    let contents = bytes.map { Array(UnsafeBufferPointer(start: $0, count: Int(length))) } ?? []
    MemoryFiles.registerInput(String(cString: path), display: String(cString: display), bytes: contents)
    return 0
}

/// Registers weights (compressed rows: `n + 1` offsets, a neighbour index and an original weight
/// per link) as the weights file `path`, which `--weights path` then reads, until a run names it.
@_cdecl("equity_register_weights")
public func equity_register_weights(_ path: UnsafePointer<CChar>, _ n: Int64, _ ids: UnsafePointer<CChar>?,
                                    _ idOffsets: UnsafePointer<Int64>?, _ offsets: UnsafePointer<Int64>,
                                    _ neighbours: UnsafePointer<Int32>?, _ weights: UnsafePointer<Double>?,
                                    _ message: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let count = Int(n)
    let offs = (0...count).map { Int(offsets[$0]) }
    let links = offs[count]
    guard offs.first == 0, zip(offs, offs.dropFirst()).allSatisfy({ $0 <= $1 }) else {
        message?.pointee = cString("weights: the row offsets must start at 0 and never decrease")
        return 1
    }
    guard links == 0 || (neighbours != nil && weights != nil) else {
        message?.pointee = cString("weights: \(links) links but no neighbour or weight array")
        return 1
    }
    let nb = links == 0 ? [] : Array(UnsafeBufferPointer(start: neighbours!, count: links))
    let w = links == 0 ? [] : Array(UnsafeBufferPointer(start: weights!, count: links))
    if let bad = nb.firstIndex(where: { $0 < 0 || Int($0) >= count }) {
        message?.pointee = cString("weights: link \(bad + 1) names area \(nb[bad]), outside 0..<\(count)")
        return 1
    }
    if let bad = w.firstIndex(where: { !$0.isFinite }) {
        message?.pointee = cString("weights: link \(bad + 1) has a weight that is not a finite number")
        return 1
    }
    let idList = strings(ids, idOffsets, count: count)
    MemoryFiles.registerWeights(String(cString: path),
                                SpatialWeights(ids: idList, offsets: offs, neighbours: nb, original: w, transform: .O))
    return 0
}

/// Runs `equity` with `argv` (without the program name) in this process. What the command writes
/// to `output_path` (an `equity-memory:` name) comes back in `output`; what it would print on
/// standard error comes back in `messages`. The in-memory files it names are then forgotten.
@_cdecl("equity_run")
public func equity_run(_ argc: Int32, _ argv: UnsafePointer<UnsafePointer<CChar>?>?, _ outputPath: UnsafePointer<CChar>?,
                       _ output: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ outputLength: UnsafeMutablePointer<Int64>?,
                       _ messages: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let arguments = (0..<Int(argc)).map { String(cString: argv![$0]!) }
    defer { MemoryFiles.remove(MemoryFiles.paths(in: arguments) + (outputPath.map { [String(cString: $0)] } ?? [])) }
    var status: Int32 = 0
    var text = ""
    if let outputPath {
        do { try MemoryFiles.registerOutput(String(cString: outputPath)) } catch {
            messages?.pointee = cString("\(error)\n")
            return 1
        }
    }
    let outcome = InProcess.run(arguments)
    status = outcome.status
    text = outcome.messages
    if let outputPath {
        do {
            let bytes = try MemoryFiles.takeOutput(String(cString: outputPath))
            output?.pointee = cArray(bytes)
            outputLength?.pointee = Int64(bytes.count)
        } catch {
            text += "\(error)\n"
            if status == 0 { status = 1 }
        }
    }
    messages?.pointee = cString(text)
    return status
}

/// Proportions (statistic 0: Wilson limits) or crude rates (statistic 1: exact/Byar's limits)
/// of `numerator` out of `denominator` per row, straight from the caller's columns — the row
/// kernels of `equity ci proportion` and `equity ci rate`. Limits go to `lower`/`upper` as
/// `levels` blocks of `n` (level-major); `method` gets -1 (none), 0 Wilson, 1 Exact, 2 Byars;
/// `note` an index into the notes listed in `texts`, which also carries the column names, the
/// confidence label and the statistic name (tab-separated lines: columns, confidence, statistic,
/// notes, methods). Returns 2 when a row is invalid: the caller runs the command for the CLI's message.
@_cdecl("equity_rowwise")
public func equity_rowwise(_ statistic: Int32, _ n: Int64, _ numerator: UnsafePointer<Double>?, _ denominator: UnsafePointer<Double>?,
                           _ multiplier: Double, _ levels: Int32, _ confidence: UnsafePointer<Double>?,
                           _ value: UnsafeMutablePointer<Double>?, _ lower: UnsafeMutablePointer<Double>?, _ upper: UnsafeMutablePointer<Double>?,
                           _ method: UnsafeMutablePointer<Int8>?, _ note: UnsafeMutablePointer<Int32>?,
                           _ texts: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let levelList = (0..<Int(levels)).map { confidence![$0] }
    let result = RowwiseColumns.compute(statistic: statistic == 0 ? .proportion : .rate, count: Int(n),
                                        numerator: numerator, denominator: denominator,
                                        multiplier: multiplier, levels: levelList,
                                        value: value, lower: lower, upper: upper, method: method, note: note)
    switch result {
    case let .success(meta):
        texts?.pointee = cString([meta.columns.joined(separator: "\t"), meta.confidence, meta.statistic,
                                  meta.notes.joined(separator: "\t"), meta.methods.joined(separator: "\t")].joined(separator: "\n"))
        return 0
    case let .failure(error):
        texts?.pointee = cString(error.message)
        return error.status
    }
}

/// Neighbours from polygons laid out as shapely's ragged arrays (closed rings of `x`/`y`;
/// polygons as runs of rings, the first exterior; features as runs of polygons): `rule` 0 queen,
/// 1 rook, 2 the `k` nearest centroids — `equity weights` on the same boundaries. Returns the
/// compressed rows through `offsets` (`features + 1`), `neighbours` and `weights` (original).
@_cdecl("equity_weights_polygons")
public func equity_weights_polygons(_ features: Int64, _ x: UnsafePointer<Double>?, _ y: UnsafePointer<Double>?,
                                    _ ringOffsets: UnsafePointer<Int64>, _ rings: Int64,
                                    _ polygonRings: UnsafePointer<Int64>, _ polygons: Int64,
                                    _ featurePolygons: UnsafePointer<Int64>, _ ids: UnsafePointer<CChar>?, _ idOffsets: UnsafePointer<Int64>?,
                                    _ lonLat: Int32, _ rule: Int32, _ k: Int32,
                                    _ offsets: UnsafeMutablePointer<UnsafeMutablePointer<Int64>?>?,
                                    _ neighbours: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>?,
                                    _ weights: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>?,
                                    _ message: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    do {
        let layer = try PolygonArrays.layer(features: Int(features), x: x, y: y, ringOffsets: ringOffsets, rings: Int(rings),
                                            polygonRings: polygonRings, polygons: Int(polygons), featurePolygons: featurePolygons,
                                            ids: strings(ids, idOffsets, count: Int(features)), lonLat: lonLat != 0)
        let idList = try SpatialInputs.ids(layer, property: "id")
        let neighbourRule: NeighbourRule
        switch rule {
        case 0: neighbourRule = .contiguity(.queen)
        case 1: neighbourRule = .contiguity(.rook)
        default:
            guard k >= 1 else { throw EquityError.invalidArgument("k must be at least 1") }
            neighbourRule = .nearest(k: Int(k))
        }
        let w = try SpatialWeights(layer: layer, ids: idList, rule: neighbourRule)
        hand(w, offsets: offsets, neighbours: neighbours, weights: weights)
        return 0
    } catch {
        message?.pointee = cString("\(error)")
        return 1
    }
}

/// Contiguity weights from undirected pairs of ids (`a[k]`–`b[k]`, UTF-8 blobs with offsets),
/// as `equity` builds them from an adjacency CSV: symmetric, duplicates merged, rows sorted;
/// an unknown id or an area paired with itself is an error.
@_cdecl("equity_weights_pairs")
public func equity_weights_pairs(_ n: Int64, _ ids: UnsafePointer<CChar>?, _ idOffsets: UnsafePointer<Int64>?,
                                 _ pairCount: Int64, _ a: UnsafePointer<CChar>?, _ aOffsets: UnsafePointer<Int64>?,
                                 _ b: UnsafePointer<CChar>?, _ bOffsets: UnsafePointer<Int64>?,
                                 _ offsets: UnsafeMutablePointer<UnsafeMutablePointer<Int64>?>?,
                                 _ neighbours: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>?,
                                 _ weights: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>?,
                                 _ message: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    do {
        let pairs = Array(zip(strings(a, aOffsets, count: Int(pairCount)), strings(b, bOffsets, count: Int(pairCount))))
        let w = try SpatialWeights(ids: strings(ids, idOffsets, count: Int(n)), idPairs: pairs)
        hand(w, offsets: offsets, neighbours: neighbours, weights: weights)
        return 0
    } catch {
        message?.pointee = cString("\(error)")
        return 1
    }
}
