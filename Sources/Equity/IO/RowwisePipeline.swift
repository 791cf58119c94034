import Dispatch

/// Runs a `RowwiseStatistic` over every row of a CSV file and writes the input rows with the
/// statistic's columns appended, streaming: the file is cut into chunks on row boundaries, chunks
/// are parsed, computed and formatted on all cores, and written in input order. Memory stays
/// bounded by a window of chunks whatever the file size.
///
/// Input rows are copied byte for byte (their own formatting kept); a row with a missing input
/// is kept with a `note`; an invalid value stops the run with `FILE:LINE:COLUMN` and nothing is
/// left under the output name.
public struct RowwisePipeline<Statistic: RowwiseStatistic> {
    public let reader: CSVReader
    public let statistic: Statistic
    /// Column index in the file of each statistic input.
    public let inputColumns: [Int]
    /// Worker threads (default: all cores).
    public var threads: Int
    /// Bytes of input per chunk.
    public var chunkSize = 1 << 20

    public init(reader: CSVReader, statistic: Statistic, inputColumns: [Int], threads: Int = System.coreCount) {
        precondition(inputColumns.count == statistic.inputNames.count)
        self.reader = reader
        self.statistic = statistic
        self.inputColumns = inputColumns
        self.threads = max(1, threads)
    }

    /// The output header: the input's columns then the statistic's.
    public var header: [String] { reader.header + statistic.outputColumns }

    private struct ChunkOutput {
        var writer: ByteWriter
        var lines = 0
        var error: (line: Int, column: Int, message: String, malformed: Bool)?
    }

    /// Processes the file into `output`; returns the number of data rows written.
    @discardableResult
    public func run(into output: OutputFile) throws -> Int {
        let head = ByteWriter(capacity: 1024)
        head.appendRow(header)
        try output.write(head)

        let ranges = reader.chunks(targetSize: chunkSize)
        let window = threads * 4
        var lineBase = reader.dataFirstLine
        var rows = 0
        var next = 0
        let slots = UnsafeMutablePointer<ChunkOutput?>.allocate(capacity: window)
        slots.initialize(repeating: nil, count: window)
        defer { slots.deinitialize(count: window); slots.deallocate() }
        let rowCounts = UnsafeMutablePointer<Int>.allocate(capacity: window)
        defer { rowCounts.deallocate() }

        while next < ranges.count {
            let batch = min(window, ranges.count - next)
            let first = next
            DispatchQueue.concurrentPerform(iterations: batch) { k in
                let (out, count) = process(range: ranges[first + k])
                slots[k] = out
                rowCounts[k] = count
            }
            for k in 0..<batch {
                let chunk = slots[k]!
                if let e = chunk.error {
                    let location = SourceLocation(file: reader.name, line: lineBase + e.line, column: e.column)
                    throw e.malformed ? EquityError.malformedInput(location, reason: e.message)
                                      : EquityError.invalidValue(location, reason: e.message)
                }
                try output.write(chunk.writer)
                lineBase += chunk.lines
                rows += rowCounts[k]
                slots[k] = nil
            }
            next += batch
        }
        return rows
    }

    private func process(range: Range<Int>) -> (ChunkOutput, Int) {
        let writer = ByteWriter(capacity: range.count * 3 + 4096)
        var result = ChunkOutput(writer: writer)
        let scanner = CSVScanner(bytes: reader.file.bytes, range: range, firstLine: 0)
        let nInputs = inputColumns.count
        let expected = reader.header.count
        let values = UnsafeMutablePointer<Double>.allocate(capacity: nInputs)
        defer { values.deallocate() }
        var rows = 0
        loop: while true {
            switch scanner.next() {
            case .end:
                break loop
            case let .malformed(column, reason):
                result.error = (scanner.line, column, reason, true)
                return (result, rows)
            case .row:
                if scanner.fieldCount != expected {
                    result.error = (scanner.line, min(scanner.fieldCount, expected) + 1,
                                    "expected \(expected) fields as in the header, found \(scanner.fieldCount)", true)
                    return (result, rows)
                }
                for k in 0..<nInputs {
                    let c = inputColumns[k]
                    switch scanner.number(c) {
                    case let .number(v): values[k] = v
                    case .missing: values[k] = .nan
                    case .invalid:
                        result.error = (scanner.line, c + 1,
                                        "'\(scanner.text(c))' in column '\(reader.header[c])' is not a number", false)
                        return (result, rows)
                    }
                }
                writer.append(scanner.rowBytes)
                if let issue = statistic.append(values, to: writer) {
                    let c = inputColumns[issue.input]
                    result.error = (scanner.line, c + 1, issue.reason + " (column '\(reader.header[c])')", false)
                    return (result, rows)
                }
                writer.append(byte: 0x0A)
                rows += 1
            }
        }
        result.lines = scanner.line
        return (result, rows)
    }
}

/// Facts about the machine.
public enum System {
    /// The number of cores Equity uses for parallel work (`EQUITY_THREADS` overrides).
    public static var coreCount: Int {
        if let s = getenv("EQUITY_THREADS"), let n = Int(String(cString: s)), n > 0 { return n }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
