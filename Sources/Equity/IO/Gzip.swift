import CZlib

/// Inflates gzip data (one or more concatenated members) with zlib.
enum Gzip {
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, name: String) throws -> UnsafeBufferPointer<UInt8> {
        var capacity = max(1 << 20, input.count * 4)
        var out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var produced = 0
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            out.deallocate()
            throw EquityError.io(file: name, reason: "cannot start gzip decompression (zlib \(status))")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(input.count)
        while true {
            if produced == capacity { out = MappedFile.doubled(out, count: produced, capacity: &capacity) }
            stream.next_out = out + produced
            let room = min(capacity - produced, Int(UInt32.max))
            stream.avail_out = UInt32(room)
            status = CZlib.inflate(&stream, Z_NO_FLUSH)
            produced += room - Int(stream.avail_out)
            if status == Z_STREAM_END {
                if stream.avail_in == 0 { break }
                // Another gzip member follows.
                inflateReset(&stream)
                continue
            }
            if status != Z_OK && status != Z_BUF_ERROR {
                out.deallocate()
                throw EquityError.io(file: name, reason: "corrupt gzip data (zlib \(status))")
            }
            if status == Z_BUF_ERROR && stream.avail_in == 0 {
                out.deallocate()
                throw EquityError.io(file: name, reason: "gzip data ends early")
            }
        }
        return UnsafeBufferPointer(start: out, count: produced)
    }
}
