import Dispatch

/// Runs a `RowwiseStatistic` over every row of a CSV file and writes the input rows with the
/// statistic's columns appended, streaming: the file is cut into chunks on row boundaries, chunks
/// are parsed, computed and formatted on all cores, and written in input order. Memory stays
/// bounded by a window of chunks whatever the file size.
///
/// Input rows are copied byte for byte (their own formatting kept); a row with a missing input
/// is kept with a `note`; an invalid value stops the run with `FILE:LINE:COLUMN` and nothing is
/// left under the output name.
package struct RowwisePipeline<Statistic: RowwiseStatistic> {
    package let reader: CSVReader
    package let statistic: Statistic
    /// Column index in the file of each statistic input.
    package let inputColumns: [Int]
    /// Worker threads (default: all cores).
    package var threads: Int
    /// Bytes of input per chunk.
    package var chunkSize = 1 << 20
    /// CSV (the fast path: input rows copied byte for byte, results from the row kernel) or JSON
    /// (each input field written on its own, results as values).
    package var format: TableFormat = .csv

    package init(reader: CSVReader, statistic: Statistic, inputColumns: [Int], threads: Int = Parallelism.threads) {
        precondition(inputColumns.count == statistic.inputNames.count)
        self.reader = reader
        self.statistic = statistic
        self.inputColumns = inputColumns
        self.threads = max(1, threads)
    }

    /// The output header: the input's columns then the statistic's.
    package var header: [String] { reader.header + statistic.outputColumns }

    /// Processes the file into `output`; returns the number of data rows written.
    ///
    /// `threads` workers take chunks k, k+T, k+2T, … into a ring of reusable buffers; this thread
    /// writes finished chunks in input order while the workers go on, so formatting and writing
    /// overlap and at most `4·T` chunks are in memory.
    @discardableResult
    package func run(into output: OutputFile) throws -> Int {
        let head = ByteWriter(capacity: 1024)
        head.format = format
        head.header(header)
        defer { head.removeAll() }

        let ranges = reader.chunks(targetSize: chunkSize)
        if ranges.isEmpty {
            head.finishTable()
            try output.write(head)
            return 0
        }
        // Standard output and devices cannot be replaced atomically: check every row first
        // (parsing only, on all cores), so a bad row late in the file stops the run before a
        // single byte is written, then stream straight through.
        if !output.isAtomicFile {
            try validate(ranges)
            try output.beginStreaming()
        }
        let workers = min(threads, ranges.count)
        let ringSize = workers * 4
        let ring = (0..<ringSize).map { _ in Slot(capacity: chunkSize * 3 + 4096, format: format, header: header) }
        let free = (0..<ringSize).map { _ in DispatchSemaphore(value: 1) }
        let ready = (0..<ringSize).map { _ in DispatchSemaphore(value: 0) }
        let stop = StopFlag()
        let group = DispatchGroup()
        for t in 0..<workers {
            DispatchQueue.global().async(group: group) {
                var c = t
                while c < ranges.count {
                    let k = c % ringSize
                    free[k].wait()
                    if !stop.isSet {
                        ring[k].writer.removeAll()
                        // JSON: only the very first row of the table goes without a comma.
                        ring[k].writer.rowsWritten = c == 0 ? 0 : 1
                        let (lines, rows, error) = process(range: ranges[c], into: ring[k].writer)
                        ring[k].lines = lines
                        ring[k].rows = rows
                        ring[k].error = error
                    }
                    ready[k].signal()
                    c += workers
                }
            }
        }
        var lineBase = reader.dataFirstLine
        var rows = 0
        var failure: Error? = nil
        for c in 0..<ranges.count {
            let k = c % ringSize
            ready[k].wait()
            if failure == nil {
                let slot = ring[k]
                if let e = slot.error {
                    let location = SourceLocation(file: reader.name, line: lineBase + e.line, column: e.column)
                    failure = e.malformed ? EquityError.malformedInput(location, reason: e.message)
                                          : EquityError.invalidValue(location, reason: e.message)
                    stop.set()
                } else {
                    do {
                        if c == 0 { try output.write(head) }
                        try output.write(slot.writer.bytes)
                    } catch {
                        failure = error
                        stop.set()
                    }
                    lineBase += slot.lines
                    rows += slot.rows
                }
            }
            free[k].signal()
        }
        group.wait()
        if let failure { throw failure }
        if format == .json {
            let tail = ByteWriter(capacity: 16)
            tail.format = .json
            tail.rowsWritten = rows
            tail.finishTable()
            try output.write(tail)
        }
        return rows
    }

    /// One reusable output buffer of the ring.
    private final class Slot: @unchecked Sendable {
        let writer: ByteWriter
        var lines = 0
        var rows = 0
        var error: (line: Int, column: Int, message: String, malformed: Bool)?
        init(capacity: Int, format: TableFormat, header: [String]) {
            writer = ByteWriter(capacity: capacity)
            writer.format = format
            writer.setKeys(header)
        }
    }

    /// Parses and checks every row without formatting anything; throws the first problem in file
    /// order.
    func validate(_ ranges: [Range<Int>]) throws {
        var outcomes = [(lines: Int, rows: Int, error: (line: Int, column: Int, message: String, malformed: Bool)?)](
            repeating: (0, 0, nil), count: ranges.count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            DispatchQueue.concurrentPerform(iterations: min(threads, ranges.count)) { t in
                var c = t
                while c < ranges.count {
                    out[c] = process(range: ranges[c], into: nil)
                    c += threads
                }
            }
        }
        var lineBase = reader.dataFirstLine
        for outcome in outcomes {
            if let e = outcome.error {
                let location = SourceLocation(file: reader.name, line: lineBase + e.line, column: e.column)
                throw e.malformed ? EquityError.malformedInput(location, reason: e.message)
                                  : EquityError.invalidValue(location, reason: e.message)
            }
            lineBase += outcome.lines
        }
    }

    /// Parses the rows of one chunk and, given a writer, formats them; without one, only checks
    /// them (the statistic's `validate`).
    private func process(range: Range<Int>, into writer: ByteWriter?) -> (lines: Int, rows: Int, error: (line: Int, column: Int, message: String, malformed: Bool)?) {
        let scanner = CSVScanner(bytes: reader.file.bytes, range: range, firstLine: 0)
        let nInputs = inputColumns.count
        let expected = reader.header.count
        let values = UnsafeMutablePointer<Double>.allocate(capacity: nInputs)
        defer { values.deallocate() }
        var rows = 0
        while true {
            switch scanner.next() {
            case .end:
                return (scanner.line, rows, nil)
            case let .malformed(column, reason):
                return (0, rows, (scanner.line, column, reason, true))
            case .row:
                if scanner.fieldCount != expected {
                    return (0, rows, (scanner.line, min(scanner.fieldCount, expected) + 1,
                                      "expected \(expected) fields as in the header, found \(scanner.fieldCount)", true))
                }
                for k in 0..<nInputs {
                    let c = inputColumns[k]
                    switch scanner.number(c) {
                    case let .number(v): values[k] = v
                    case .missing: values[k] = .nan
                    case let bad:
                        return (0, rows, (scanner.line, c + 1, NumberParsing.problem(bad, text: scanner.text(c), column: reader.header[c]), false))
                    }
                }
                guard let writer else {
                    if let issue = statistic.validate(values) {
                        let c = inputColumns[issue.input]
                        return (0, rows, (scanner.line, c + 1, issue.reason + " (column '\(reader.header[c])')", false))
                    }
                    rows += 1
                    continue
                }
                if format == .json {
                    for c in 0..<expected { writer.field(inputText: scanner.unescapedField(c)) }
                    do throws(RowIssue) {
                        let r = try statistic.result(values)
                        writer.appendInterval(r, confidence: statistic.confidence, statistic: statistic.statistic)
                    } catch {
                        let c = inputColumns[error.input]
                        return (0, rows, (scanner.line, c + 1, error.reason + " (column '\(reader.header[c])')", false))
                    }
                    writer.endRow()
                    rows += 1
                    continue
                }
                writer.append(scanner.rowBytes)
                if let issue = statistic.append(values, to: writer) {
                    let c = inputColumns[issue.input]
                    return (0, rows, (scanner.line, c + 1, issue.reason + " (column '\(reader.header[c])')", false))
                }
                writer.append(byte: 0x0A)
                rows += 1
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
