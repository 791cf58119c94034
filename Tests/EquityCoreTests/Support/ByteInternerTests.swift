import Testing
@testable import EquityCore

/// The interner behind every indicator table: equal bytes give one id, ids are dense in order of
/// first sight, and the bytes come back unchanged after the arena, the span list and the hash
/// table have each grown many times over.
@Suite struct ByteInternerTests {
    @Test func idsAreDenseAndStableAcrossGrowth() throws {
        let names = ByteInterner(capacity: 4)
        var texts: [String] = [""]
        for i in 0..<20_000 { texts.append(i % 3 == 0 ? "E0\(i)" : "Åreå \(i) – \(String(repeating: "x", count: i % 40))") }
        for (i, t) in texts.enumerated() { #expect(names.intern(t) == Int32(i)) }
        #expect(names.count == texts.count)
        // Second pass: nothing new, the same ids.
        for (i, t) in texts.enumerated() { #expect(names.intern(t) == Int32(i)) }
        #expect(names.count == texts.count)
        for (i, t) in texts.enumerated() {
            #expect(names.find(t) == Int32(i))
            #expect(names.string(Int32(i)) == t)
            #expect(names.withBytes(Int32(i)) { Array($0) } == Array(t.utf8))
        }
        #expect(names.find("not there") == nil)
    }

    @Test func bytesAndStringsAgree() {
        let names = ByteInterner()
        let id = [UInt8]("Luton".utf8).withUnsafeBufferPointer { names.intern($0) }
        #expect(names.intern("Luton") == id)
        #expect(names.intern("luton") != id)
        #expect(names.intern("") == names.intern(""))
    }
}
