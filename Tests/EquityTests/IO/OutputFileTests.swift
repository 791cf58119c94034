import Foundation
import Testing
@testable import Equity
import EquityTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 9, item 2: temporary outputs are created safely.
@Suite struct OutputFileTests {
    func scratchDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equity-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A symlink planted at the old predictable temporary name (`PATH.tmp-PID`) is not followed:
    /// the file it points to is untouched (before: it was truncated and overwritten).
    @Test func plantedSymlinkIsNotFollowed() throws {
        let dir = try scratchDirectory()
        let victim = dir + "/victim.txt"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let target = dir + "/out.csv"
        #expect(symlink(victim, target + ".tmp-\(getpid())") == 0)
        let out = try OutputFile(path: target)
        try out.write("a,b\n1,2\n")
        try out.commit()
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "a,b\n1,2\n")
    }

    /// Two outputs to the same path at once get different, unpredictable temporary names.
    @Test func temporaryNamesAreUnique() throws {
        let dir = try scratchDirectory()
        let target = dir + "/out.csv"
        let a = try OutputFile(path: target), b = try OutputFile(path: target)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.count == 2)
        #expect(Set(names).count == 2)
        #expect(!names.contains("out.csv.tmp-\(getpid())"))
        a.discard()
        b.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// A directory is refused with a clear message; an existing read-only file is not replaced.
    @Test func directoriesAndReadOnlyFilesAreRefused() throws {
        let dir = try scratchDirectory()
        #expect(throws: EquityError.self) { try OutputFile(path: dir) }
        if geteuid() != 0 {
            let locked = dir + "/locked.csv"
            try "x\n".write(toFile: locked, atomically: false, encoding: .utf8)
            chmod(locked, 0o444)
            #expect(throws: EquityError.self) { try OutputFile(path: locked) }
        }
    }

    /// A report directory is written whole or not at all.
    @Test func outputDirectoryAppearsOnlyOnCommit() throws {
        let dir = try scratchDirectory()
        let target = dir + "/report"
        do {
            let d = try OutputDirectory(path: target)
            try d.write("a.txt", text: "a")
            #expect(!FileManager.default.fileExists(atPath: target))
            d.discard()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let d = try OutputDirectory(path: target)
        try d.write("a.txt", text: "a")
        try d.write("b.txt", text: "b")
        try d.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["a.txt", "b.txt"])
        #expect(throws: EquityError.self) { try OutputDirectory(path: "-") }
    }
}
