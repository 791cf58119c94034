import Dispatch

/// A streaming GeoJSON reader for Polygon/MultiPolygon FeatureCollections, byte-level (no
/// Foundation JSON, no per-value objects): one structural pass finds each feature's extent, then
/// features are parsed on all cores straight into flat coordinate arrays. `.gz` files are read
/// directly. Errors name the file, line and what is wrong.
public enum GeoJSONReader {
    /// Reads a FeatureCollection of Polygons/MultiPolygons from a file (`.gz` inflated; `-` is
    /// standard input), features parsed on `threads` threads.
    public static func read(path: String, threads: Int = Parallelism.threads) throws -> PolygonLayer {
        let file = try MappedFile.open(path)
        return try read(file, threads: threads)
    }

    /// Reads a FeatureCollection from bytes already open (or in memory).
    public static func read(_ file: MappedFile, threads: Int = Parallelism.threads) throws -> PolygonLayer {
        let bytes = file.bytes
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw EquityError.malformedInput(SourceLocation(file: file.name, line: 1, column: 1), reason: "the file is empty")
        }
        let (features, lines) = try featureExtents(base, bytes.count, name: file.name)
        // Parse features in parallel chunks.
        let chunkCount = max(1, min(features.count, threads * 8))
        var parts = [PolygonLayer?](repeating: nil, count: chunkCount)
        var errors = [EquityError?](repeating: nil, count: chunkCount)
        parts.withUnsafeMutableBufferPointer { partBuffer in
            errors.withUnsafeMutableBufferPointer { errorBuffer in
                let partsOut = partBuffer, errorsOut = errorBuffer
                DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
                    let lo = features.count * c / chunkCount, hi = features.count * (c + 1) / chunkCount
                    var layer = PolygonLayer()
                    var parser = FeatureParser(base: base, count: bytes.count, name: file.name)
                    do {
                        for f in lo..<hi { try parser.parseFeature(features[f], into: &layer) }
                        partsOut[c] = layer
                    } catch let e as EquityError {
                        errorsOut[c] = e
                    } catch {
                        errorsOut[c] = .malformedInput(SourceLocation(file: file.name, line: 1, column: 1), reason: "\(error)")
                    }
                }
            }
        }
        if let e = errors.compactMap({ $0 }).first { throw e }
        // Concatenate, aligning property columns (a property missing in a feature is empty).
        var out = PolygonLayer()
        out.fileName = file.name
        let head = String(decoding: UnsafeBufferPointer(start: base, count: min(bytes.count, features.first?.lowerBound ?? 2048)), as: UTF8.self)
        out.declaresLonLat = head.contains("CRS84") || head.contains("4326")
        var names: [String] = []
        for p in parts { for n in p!.propertyOrder where !names.contains(n) { names.append(n) } }
        out.propertyOrder = names
        out.featureLine = lines
        for n in names { out.properties[n] = [] }
        for p in parts {
            let part = p!
            let vertexBase = out.x.count
            let ringBase = out.ringStart.count - 1
            out.x += part.x
            out.y += part.y
            out.ringStart += part.ringStart.dropFirst().map { $0 + vertexBase }
            out.ringIsHole += part.ringIsHole
            out.featureRingStart += part.featureRingStart.dropFirst().map { $0 + ringBase }
            let count = part.featureCount
            for n in names { out.properties[n]! += part.properties[n] ?? [String](repeating: "", count: count) }
        }
        return out
    }

    /// Byte ranges of the objects in the top-level "features" array, found by tracking strings
    /// and nesting only, with the line each starts on.
    static func featureExtents(_ p: UnsafePointer<UInt8>, _ n: Int, name: String) throws -> ([Range<Int>], [Int]) {
        // Find "features" at depth 1.
        var i = 0, depth = 0
        var inString = false
        var keyStart = -1
        var featuresArrayStart = -1
        while i < n {
            let c = p[i]
            if inString {
                if c == 0x5C { i += 2; continue }
                if c == 0x22 {
                    inString = false
                    if depth == 1 && i - keyStart == 8 && memcmp(p + keyStart, "features", 8) == 0 {
                        // Expect ':' then '['.
                        var j = i + 1
                        while j < n && (p[j] == 0x20 || p[j] == 0x0A || p[j] == 0x0D || p[j] == 0x09) { j += 1 }
                        if j < n && p[j] == 0x3A {
                            j += 1
                            while j < n && (p[j] == 0x20 || p[j] == 0x0A || p[j] == 0x0D || p[j] == 0x09) { j += 1 }
                            if j < n && p[j] == 0x5B { featuresArrayStart = j; break }
                        }
                    }
                }
                i += 1
                continue
            }
            switch c {
            case 0x22: inString = true; keyStart = i + 1
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D: depth -= 1
            default: break
            }
            i += 1
        }
        guard featuresArrayStart >= 0 else {
            throw EquityError.malformedInput(SourceLocation(file: name, line: 1, column: 1),
                                             reason: "not a GeoJSON FeatureCollection (no \"features\" array)")
        }
        var out: [Range<Int>] = []
        var lines: [Int] = []
        var line = lineOf(p, featuresArrayStart)
        i = featuresArrayStart + 1
        depth = 0
        inString = false
        var start = -1
        while i < n {
            let c = p[i]
            if c == 0x0A { line += 1 }
            if inString {
                if c == 0x5C { i += 2; continue }
                if c == 0x22 { inString = false }
                i += 1
                continue
            }
            if c == 0x22 { inString = true } else if c == 0x7B || c == 0x5B {
                if depth == 0 { start = i; lines.append(line) }
                depth += 1
            } else if c == 0x7D || c == 0x5D {
                if depth == 0 { return (out, lines) } // end of the features array
                depth -= 1
                if depth == 0 { out.append(start..<(i + 1)) }
            }
            i += 1
        }
        throw EquityError.malformedInput(SourceLocation(file: name, line: lineOf(p, n), column: 1),
                                         reason: "the file ends inside the features array (truncated?)")
    }

    static func lineOf(_ p: UnsafePointer<UInt8>, _ offset: Int) -> Int {
        var line = 1
        for k in 0..<offset where p[k] == 0x0A { line += 1 }
        return line
    }
}

/// Parses one feature object.
struct FeatureParser {
    let base: UnsafePointer<UInt8>
    let count: Int
    let name: String
    var pos = 0
    var end = 0

    init(base: UnsafePointer<UInt8>, count: Int, name: String) {
        self.base = base
        self.count = count
        self.name = name
    }

    func fail(_ reason: String) -> EquityError {
        .malformedInput(SourceLocation(file: name, line: GeoJSONReader.lineOf(base, min(pos, count)), column: 1), reason: reason)
    }

    mutating func skipSpace() {
        while pos < end {
            let c = base[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { break }
        }
    }

    mutating func expect(_ c: UInt8) throws {
        skipSpace()
        guard pos < end, base[pos] == c else {
            throw fail("expected '\(Character(UnicodeScalar(c)))' in GeoJSON")
        }
        pos += 1
    }

    /// A string's raw bytes (escapes undone for \" and \\ only; others kept).
    mutating func string() throws -> String {
        skipSpace()
        guard pos < end, base[pos] == 0x22 else { throw fail("expected a string in GeoJSON") }
        pos += 1
        var bytes: [UInt8] = []
        while pos < end && base[pos] != 0x22 {
            if base[pos] == 0x5C && pos + 1 < end {
                let e = base[pos + 1]
                switch e {
                case 0x6E: bytes.append(0x0A)
                case 0x74: bytes.append(0x09)
                case 0x75:
                    // \uXXXX
                    if pos + 5 < end, let v = UInt32(String(decoding: UnsafeBufferPointer(start: base + pos + 2, count: 4), as: UTF8.self), radix: 16),
                       let scalar = UnicodeScalar(v) {
                        bytes += Array(String(Character(scalar)).utf8)
                        pos += 6
                        continue
                    }
                    bytes.append(e)
                default: bytes.append(e)
                }
                pos += 2
                continue
            }
            bytes.append(base[pos])
            pos += 1
        }
        guard pos < end else { throw fail("unterminated string in GeoJSON") }
        pos += 1
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Skips any JSON value.
    mutating func skipValue() throws {
        skipSpace()
        guard pos < end else { throw fail("unexpected end of a feature") }
        let c = base[pos]
        if c == 0x22 { _ = try string(); return }
        if c == 0x7B || c == 0x5B {
            var depth = 0
            var inString = false
            while pos < end {
                let b = base[pos]
                if inString {
                    if b == 0x5C { pos += 2; continue }
                    if b == 0x22 { inString = false }
                } else if b == 0x22 { inString = true } else if b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x7D || b == 0x5D {
                    depth -= 1
                    if depth == 0 { pos += 1; return }
                }
                pos += 1
            }
            throw fail("unterminated object or array in GeoJSON")
        }
        // number, true, false, null
        while pos < end {
            let b = base[pos]
            if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D { break }
            pos += 1
        }
    }

    /// A scalar value as text (strings unquoted, null empty); nested values are skipped (empty).
    mutating func scalarText() throws -> String {
        skipSpace()
        guard pos < end else { throw fail("unexpected end of a feature") }
        let c = base[pos]
        if c == 0x22 { return try string() }
        if c == 0x7B || c == 0x5B { try skipValue(); return "" }
        let s = pos
        try skipValue()
        let text = String(decoding: UnsafeBufferPointer(start: base + s, count: pos - s), as: UTF8.self)
        return text == "null" ? "" : text
    }

    mutating func number() throws -> Double {
        skipSpace()
        let s = pos
        while pos < end {
            let b = base[pos]
            if b == 0x2C || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
            pos += 1
        }
        guard case let .number(v) = NumberParsing.parse(base, s, pos) else { throw fail("a coordinate is not a number") }
        return v
    }

    /// [x, y, ...] → appends the vertex.
    mutating func position(into layer: inout PolygonLayer) throws {
        try expect(0x5B)
        let x = try number()
        try expect(0x2C)
        let y = try number()
        skipSpace()
        while pos < end && base[pos] == 0x2C { pos += 1; _ = try number(); skipSpace() } // z, m
        try expect(0x5D)
        layer.x.append(x)
        layer.y.append(y)
    }

    /// [[x,y], ...] → one ring.
    mutating func ring(into layer: inout PolygonLayer, hole: Bool) throws {
        try expect(0x5B)
        skipSpace()
        if pos < end && base[pos] == 0x5D { pos += 1; return }
        while true {
            try position(into: &layer)
            skipSpace()
            if pos < end && base[pos] == 0x2C { pos += 1; continue }
            try expect(0x5D)
            break
        }
        layer.ringStart.append(layer.x.count)
        layer.ringIsHole.append(hole)
    }

    /// [[ring], [hole], ...]
    mutating func polygon(into layer: inout PolygonLayer) throws {
        try expect(0x5B)
        skipSpace()
        if pos < end && base[pos] == 0x5D { pos += 1; return }
        var first = true
        while true {
            try ring(into: &layer, hole: !first)
            first = false
            skipSpace()
            if pos < end && base[pos] == 0x2C { pos += 1; continue }
            try expect(0x5D)
            break
        }
    }

    mutating func geometry(into layer: inout PolygonLayer) throws {
        skipSpace()
        if pos + 4 <= end && memcmp(base + pos, "null", 4) == 0 { pos += 4; return }
        try expect(0x7B)
        var type = ""
        var coordinatesAt = -1
        while true {
            skipSpace()
            if pos < end && base[pos] == 0x7D { pos += 1; break }
            let key = try string()
            try expect(0x3A)
            if key == "type" { type = try string() } else if key == "coordinates" {
                skipSpace()
                coordinatesAt = pos
                try skipValue()
            } else { try skipValue() }
            skipSpace()
            if pos < end && base[pos] == 0x2C { pos += 1 }
        }
        guard coordinatesAt >= 0 else { throw fail("a geometry has no coordinates") }
        let resume = pos
        pos = coordinatesAt
        switch type {
        case "Polygon":
            try polygon(into: &layer)
        case "MultiPolygon":
            try expect(0x5B)
            skipSpace()
            if pos < end && base[pos] == 0x5D { pos += 1; break }
            while true {
                try polygon(into: &layer)
                skipSpace()
                if pos < end && base[pos] == 0x2C { pos += 1; continue }
                try expect(0x5D)
                break
            }
        default:
            throw fail("geometry type '\(type)' is not Polygon or MultiPolygon")
        }
        pos = resume
    }

    mutating func parseFeature(_ range: Range<Int>, into layer: inout PolygonLayer) throws {
        pos = range.lowerBound
        end = range.upperBound
        let f = layer.featureCount
        try expect(0x7B)
        var sawGeometry = false
        while true {
            skipSpace()
            if pos < end && base[pos] == 0x7D { pos += 1; break }
            let key = try string()
            try expect(0x3A)
            if key == "properties" {
                skipSpace()
                if pos + 4 <= end && memcmp(base + pos, "null", 4) == 0 { pos += 4 } else {
                    try expect(0x7B)
                    while true {
                        skipSpace()
                        if pos < end && base[pos] == 0x7D { pos += 1; break }
                        let name = try string()
                        try expect(0x3A)
                        let value = try scalarText()
                        if layer.properties[name] == nil {
                            layer.properties[name] = [String](repeating: "", count: f)
                            layer.propertyOrder.append(name)
                        }
                        // A key repeated within one feature is legal JSON: the last one wins
                        // (as JSON parsers do), never shifting later features' values.
                        if layer.properties[name]!.count == f + 1 {
                            layer.properties[name]![f] = value
                        } else {
                            layer.properties[name]!.append(value)
                        }
                        skipSpace()
                        if pos < end && base[pos] == 0x2C { pos += 1 }
                    }
                }
            } else if key == "geometry" {
                try geometry(into: &layer)
                sawGeometry = true
            } else {
                try skipValue()
            }
            skipSpace()
            if pos < end && base[pos] == 0x2C { pos += 1 }
        }
        if !sawGeometry { throw fail("a feature has no geometry") }
        layer.featureRingStart.append(layer.ringStart.count - 1)
        // Features lacking a property get an empty value.
        for n in layer.propertyOrder where layer.properties[n]!.count == f { layer.properties[n]!.append("") }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
