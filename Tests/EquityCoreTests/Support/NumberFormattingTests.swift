import Testing
@testable import EquityCore
import EquityTestSupport

/// Shortest round-trip output: the same digits as `Double.description` (Swift's SwiftDtoa),
/// whole numbers without `.0`.
@Suite struct NumberFormattingTests {
    /// What `Double.description` prints, with a trailing ".0" dropped.
    func reference(_ v: Double) -> String {
        var s = v.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    @Test func workedValues() {
        #expect(NumberFormatting.string(0.8748524849023126) == "0.8748524849023126")
        #expect(NumberFormatting.string(0.81) == "0.81")
        #expect(NumberFormatting.string(81) == "81")
        #expect(NumberFormatting.string(-0.5) == "-0.5")
        #expect(NumberFormatting.string(1043.0247991469423) == "1043.0247991469423")
        #expect(NumberFormatting.string(0.001) == "0.001")
        #expect(NumberFormatting.string(1e-7) == "1e-07")
        #expect(NumberFormatting.string(.nan) == "")
        #expect(NumberFormatting.string(1e300) == "1e+300")
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func randomValuesMatchDescription(seed: UInt64) {
        var rng = TestRNG(seed: seed)
        var mismatches = 0
        for i in 0..<100_000 {
            let v: Double
            switch i % 4 {
            case 0: v = Double.random(in: 0..<1, using: &rng)
            case 1: v = Double.random(in: 0..<1e6, using: &rng)
            case 2: v = Double(bitPattern: rng.next() & 0x7FFF_FFFF_FFFF_FFFF)
            default:
                // Short decimals (typed data) and their neighbours.
                let d = Double(Int(rng.next() % 100_000)) / 1000
                v = (rng.next() & 1) == 0 ? d : d.nextUp
            }
            if !v.isFinite { continue }
            if NumberFormatting.string(v) != reference(v) {
                mismatches += 1
                if mismatches < 5 { Issue.record("\(v): \(NumberFormatting.string(v)) vs \(reference(v))") }
            }
            let neg = -v
            if NumberFormatting.string(neg) != reference(neg) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func powersOfTwoAndTens() {
        for e in -40...60 {
            for v in [pow(2.0, Double(e)), pow(10.0, Double(e) / 3)] {
                #expect(NumberFormatting.string(v) == reference(v), "\(v)")
                #expect(NumberFormatting.string(v.nextUp) == reference(v.nextUp), "\(v.nextUp)")
                #expect(NumberFormatting.string(v.nextDown) == reference(v.nextDown), "\(v.nextDown)")
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
