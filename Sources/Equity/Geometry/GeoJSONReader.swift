import Dispatch

/// A streaming GeoJSON reader for Polygon/MultiPolygon (and Point/MultiPoint) FeatureCollections, byte-level (no
/// Foundation JSON, no per-value objects): one structural pass finds each feature's extent, then
/// features are parsed on all cores straight into flat coordinate arrays. `.gz` files are read
/// directly. Errors name the file, line and what is wrong.
public enum GeoJSONReader {
    /// Reads a FeatureCollection of Polygons/MultiPolygons or Points/MultiPoints from a file (`.gz` inflated; `-` is
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
                    var parser = GeoJSONFeatureParser(base: base, count: bytes.count, name: file.name)
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
