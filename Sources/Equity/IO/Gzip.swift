import CZlib

/// How much an input may grow when Equity inflates it: a guard against decompression bombs
/// (a few hundred kilobytes of gzip can inflate to gigabytes).
public enum InputLimits {
    /// The most bytes a gzip input may inflate to (default 4 GiB; the national LSOA boundaries
    /// inflate to 88 MB). Raise it for genuinely larger inputs.
    nonisolated(unsafe) public static var maximumInflatedBytes = 4 << 30
}

/// Inflates gzip data (one or more concatenated members) with zlib into a `Spool`, so memory
/// stays bounded, stopping with `limitExceeded` beyond `InputLimits.maximumInflatedBytes`.
enum Gzip {
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, name: String,
                        limit: Int = InputLimits.maximumInflatedBytes) throws -> (bytes: UnsafeBufferPointer<UInt8>, mapped: Bool) {
        let spool = Spool(name: name, limit: limit, limitDescription: "inflated gzip data")
        let chunk = 1 << 20
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { out.deallocate() }
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw EquityError.io(file: name, reason: "cannot start gzip decompression (zlib \(status))")
        }
        defer { inflateEnd(&stream) }
        var remaining = input.count
        var next = UnsafeMutablePointer(mutating: input.baseAddress)
        while true {
            if stream.avail_in == 0 && remaining > 0 {
                let take = min(remaining, Int(UInt32.max))
                stream.next_in = next
                stream.avail_in = UInt32(take)
                next = next.map { $0 + take }
                remaining -= take
            }
            stream.next_out = out
            stream.avail_out = UInt32(chunk)
            status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = chunk - Int(stream.avail_out)
            if produced > 0 { try spool.append(UnsafeRawPointer(out), count: produced) }
            if status == Z_STREAM_END {
                if stream.avail_in == 0 && remaining == 0 { break }
                // Another gzip member follows.
                inflateReset(&stream)
                continue
            }
            if status == Z_BUF_ERROR && stream.avail_in == 0 && remaining == 0 {
                throw EquityError.malformedInput(SourceLocation(file: name, line: 1, column: 1), reason: "gzip data ends early (truncated file?)")
            }
            if status != Z_OK && status != Z_BUF_ERROR {
                throw EquityError.malformedInput(SourceLocation(file: name, line: 1, column: 1), reason: "corrupt gzip data (zlib \(status))")
            }
        }
        return try spool.takeBytes()
    }
}
