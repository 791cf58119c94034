import Foundation
import Testing
import EquityTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 9, items 1–3 and 11: outputs never replace devices, FIFOs or symlinks; temporaries are
/// unpredictable, keep permissions and vanish on interruption; inputs of unknown length use
/// bounded memory; nothing reaches standard output from a run that fails.
@Suite struct OutputSafetyTests {
    static let input = "area,x,n\nA,1,10\nB,2,10\n"

    func directory() throws -> String {
        let path = try CLI.temporaryFile("", name: "placeholder")
        return (path as NSString).deletingLastPathComponent
    }

    /// Item 1: /dev/full reports ENOSPC (before: the device was renamed over and exit 0).
    @Test func devFullReportsNoSpace() throws {
        let input = try CLI.temporaryFile(Self.input)
        let r = try CLI.run(["ci", "proportion", "--input", input, "--numerator", "x", "--denominator", "n", "--output", "/dev/full"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("No space left on device"))
        var st = stat()
        #expect(stat("/dev/full", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
    }

    /// Item 1: /dev/null stays a character device (before, as root, it became a regular file).
    @Test func devNullStaysADevice() throws {
        let input = try CLI.temporaryFile(Self.input)
        let r = try CLI.run(["ci", "proportion", "--input", input, "--numerator", "x", "--denominator", "n", "--output", "/dev/null"])
        #expect(r.status == 0)
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
    }

    /// Item 1: a FIFO is written to, not replaced by a regular file.
    @Test func fifoIsWrittenNotReplaced() throws {
        let dir = try directory()
        let fifo = dir + "/out.fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let input = try CLI.temporaryFile(Self.input)
        var received = Data()
        let reader = Thread {
            if let h = FileHandle(forReadingAtPath: fifo) { received = h.readDataToEndOfFile() }
        }
        reader.start()
        let r = try CLI.run(["ci", "proportion", "--input", input, "--numerator", "x", "--denominator", "n", "--output", fifo])
        #expect(r.status == 0)
        for _ in 0..<100 where received.isEmpty { usleep(20_000) }
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("area,x,n,value"))
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
    }

    /// Item 1: a symlink is followed: its target gets the output, the link stays a link.
    @Test func symlinkTargetIsWritten() throws {
        let dir = try directory()
        let real = dir + "/real.csv", link = dir + "/link.csv", dangling = dir + "/dangling.csv", created = dir + "/created.csv"
        try "old\n".write(toFile: real, atomically: false, encoding: .utf8)
        #expect(symlink("real.csv", link) == 0)
        #expect(symlink("created.csv", dangling) == 0)
        let input = try CLI.temporaryFile(Self.input)
        for target in [link, dangling] {
            let r = try CLI.run(["ci", "proportion", "--input", input, "--numerator", "x", "--denominator", "n", "--output", target])
            #expect(r.status == 0)
        }
        var st = stat()
        #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        #expect(lstat(dangling, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("area,x,n,value"))
        #expect(try String(contentsOfFile: created, encoding: .utf8).hasPrefix("area,x,n,value"))
    }

    /// Item 2: a 0600 file keeps its permissions (before: it came back 0644).
    @Test func permissionsAreKept() throws {
        let dir = try directory()
        let out = dir + "/private.csv"
        try "old\n".write(toFile: out, atomically: false, encoding: .utf8)
        #expect(chmod(out, 0o600) == 0)
        let input = try CLI.temporaryFile(Self.input)
        let r = try CLI.run(["ci", "proportion", "--input", input, "--numerator", "x", "--denominator", "n", "--output", out])
        #expect(r.status == 0)
        var st = stat()
        #expect(stat(out, &st) == 0 && (st.st_mode & 0o777) == 0o600)
    }

    /// Item 2: interrupted runs leave no temporary file (before: `.tmp-PID` files stayed). The
    /// run waits on standard input, so its temporary output exists when the signal arrives.
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedRunLeavesNoTemporary(signal sig: Int32) throws {
        let dir = try directory()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["ci", "proportion", "--input", "-", "--numerator", "x", "--denominator", "n", "--output", dir + "/out.csv"]
        let stdin = Pipe()
        p.standardInput = stdin
        try p.run()
        var sawTemporary = false
        for _ in 0..<200 {
            let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            if names.contains(where: { $0.contains(".equity-") }) { sawTemporary = true; break }
            usleep(10_000)
        }
        #expect(sawTemporary)
        kill(p.processIdentifier, sig)
        p.waitUntilExit()
        try stdin.fileHandleForWriting.close()
        #expect(p.terminationReason == .uncaughtSignal)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "placeholder" }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// Items 3 and 11: `/dev/zero` and binary standard input stop at once with a clear error
    /// (before: read whole into memory until allocation failed).
    @Test func binaryInputStopsAtOnce() throws {
        let r = try CLI.run(["ci", "proportion", "--input", "/dev/zero", "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/dev/zero:1:1: binary data"))
        #expect(r.stdout.isEmpty)
    }

    /// Item 3: a gzip bomb stops with a clear error at the limit (before: it aborted on allocation).
    @Test func gzipBombIsCapped() throws {
        let dir = try directory()
        let bomb = dir + "/bomb.csv.gz"
        // 40 MB of '0' characters compress to about 40 KB.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "(printf 'a,x,n\\n'; head -c 40000000 /dev/zero | tr '\\\\000' 0) | gzip -9 > \(bomb)"]
        try p.run()
        p.waitUntilExit()
        let r = try CLI.run(["ci", "proportion", "--input", bomb, "--numerator", "x", "--denominator", "n", "--max-inflated-size", "16M"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("inflated gzip data exceeds the limit of 16 MiB"))
        #expect(r.stderr.contains("--max-inflated-size"))
    }

    /// Item 3: under a 200 MB address-space limit a small run finishes (before: OpenBLAS's
    /// thread pool hung at exit).
    @Test func smallAddressSpaceDoesNotHang() throws {
        let input = try CLI.temporaryFile(Self.input)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -v 200000; exec timeout 20 '\(CLI.binary)' ci proportion --input '\(input)' --numerator x --denominator n"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.hasPrefix("area,x,n,value"))
    }

    /// Item 3: standard input is streamed (spooled to disk and mapped, like a file), not read
    /// into memory: 12 million rows (about 165 MB) through a pipe under a 150 MB data-segment
    /// limit (RLIMIT_DATA counts the heap, not file-backed pages), which reading it whole could
    /// not do.
    @Test func standardInputIsStreamed() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", """
            awk 'BEGIN { print "area,x,n"; for (i = 0; i < 12000000; i++) print "A" i "," i % 7 ",10" }' | \
            (ulimit -d 150000; exec timeout 120 '\(CLI.binary)' ci proportion --input - --numerator x --denominator n --output /dev/null)
            """]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text.prefix(500))")
    }

    /// Item 11: a bad row late in a file leaves standard output empty (before: earlier rows were
    /// already printed). Enough rows for several parallel chunks.
    @Test func badRowLateLeavesStdoutEmpty() throws {
        var text = "area,x,n\n"
        for i in 0..<60_000 { text += "A\(i),\(i % 7),10\n" }
        text += "Z,x,10\n"
        let input = try CLI.temporaryFile(text)
        let r = try CLI.run(["ci", "proportion", "--input", input, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(":60002:2:"))
    }

    /// Item 11: a bad --map path is found before any output is written (before: the CSV was
    /// written, then the map failed).
    @Test func badMapPathWritesNothing() throws {
        let dir = try directory()
        let out = dir + "/lisa.csv"
        let r = try CLI.run(["lisa", "--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID",
                                  "--value-property", "CRIME", "--output", out, "--map", dir + "/no/such/dir/map.svg"])
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// `equity … | head -1`: the reader leaves early; Equity stops quietly with status 141 (as a
    /// process ended by SIGPIPE), with no "write failed" message.
    @Test func closedPipeEndsQuietly() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        let input = CLI.fixture("deprivation/england_lsoa11_iod2019.csv.gz")
        let stderrPath = try CLI.temporaryDirectory() + "/stderr"
        p.arguments = ["-c", "'\(CLI.binary)' gini --input '\(input)' --value income_score --group-by lsoa11cd 2>'\(stderrPath)' | head -1 >/dev/null; echo ${PIPESTATUS[0]}"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "141")
        #expect(try String(contentsOfFile: stderrPath, encoding: .utf8).isEmpty)
    }
}
