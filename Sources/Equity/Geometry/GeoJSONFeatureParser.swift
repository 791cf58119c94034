/// Parses one GeoJSON Feature object (RFC 7946) within a byte range by recursive descent: its
/// Polygon/MultiPolygon (and Point/MultiPoint: one-vertex rings) geometry is appended to a `PolygonLayer` as flat coordinates (holes
/// marked), its properties kept as text. Errors name the file and line.
struct GeoJSONFeatureParser {
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
        // Most strings (keys, codes, names) hold no escape: decoded straight from the file's
        // bytes, without an intermediate array (short ones then need no allocation at all).
        let start = pos
        while pos < end && base[pos] != 0x22 && base[pos] != 0x5C { pos += 1 }
        if pos < end && base[pos] == 0x22 {
            pos += 1
            return String(decoding: UnsafeBufferPointer(start: base + start, count: pos - 1 - start), as: UTF8.self)
        }
        var bytes = Array(UnsafeBufferPointer(start: base + start, count: pos - start))
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
        case "Point":
            try position(into: &layer)
            layer.ringStart.append(layer.x.count)
            layer.ringIsHole.append(false)
        case "MultiPoint":
            try expect(0x5B)
            skipSpace()
            if pos < end && base[pos] == 0x5D { pos += 1; break }
            while true {
                try position(into: &layer)
                layer.ringStart.append(layer.x.count)
                layer.ringIsHole.append(false)
                skipSpace()
                if pos < end && base[pos] == 0x2C { pos += 1; continue }
                try expect(0x5D)
                break
            }
        default:
            throw fail("geometry type '\(type)' is not Polygon, MultiPolygon, Point or MultiPoint")
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
