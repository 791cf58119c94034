import Equity
import EquityCore
import Testing

/// The column fast path gives what `Proportion`/`CrudeRate` give row by row (the rows' own
/// tests check those against PHEindicatormethods), and hands invalid rows back to the command.
struct RowwiseColumnsTests {
    func run(_ statistic: RowwiseColumns.Statistic, _ x: [Double], _ n: [Double], multiplier: Double, levels: [Double])
        -> (Result<RowwiseColumns.Texts, RowwiseColumns.Failure>, [Double], [Double], [Double], [Int8], [Int32]) {
        let count = x.count
        var value = [Double](repeating: 0, count: count), lower = [Double](repeating: 0, count: count * levels.count)
        var upper = lower, method = [Int8](repeating: 0, count: count), note = [Int32](repeating: 0, count: count)
        let r = x.withUnsafeBufferPointer { xp in
            n.withUnsafeBufferPointer { np in
                RowwiseColumns.compute(statistic: statistic, count: count, numerator: xp.baseAddress, denominator: np.baseAddress,
                                       multiplier: multiplier, levels: levels, value: &value, lower: &lower, upper: &upper,
                                       method: &method, note: &note)
            }
        }
        return (r, value, lower, upper, method, note)
    }

    @Test func proportionsAsRowResults() throws {
        let x: [Double] = [65, 1045, 0, .nan, 3], n: [Double] = [100, 5000, 10, 20, .nan]
        let (r, value, lower, upper, method, note) = run(.proportion, x, n, multiplier: 100, levels: [0.95, 0.998])
        let texts = try r.get()
        #expect(texts.columns == ["value", "lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl", "confidence", "statistic", "method", "note"])
        #expect(texts.statistic == "percentage" && texts.confidence == "95%, 99.8%")
        let p = Proportion(confidence: try ConfidenceLevels([0.95, 0.998]), multiplier: 100)
        for i in 0..<3 {
            let row = try p.result(x: x[i], n: n[i])
            #expect(value[i] == row.value && lower[i] == row.lower[0] && upper[5 + i] == row.upper[1])
            #expect(texts.methods[Int(method[i])] == "Wilson" && note[i] == 0)
        }
        #expect(texts.notes[Int(note[3])] == "numerator missing" && texts.notes[Int(note[4])] == "denominator missing")
        #expect(value[3].isNaN)
    }

    @Test func ratesChooseExactOrByars() throws {
        let (r, value, _, _, method, _) = run(.rate, [3, 250], [1000, 100_000], multiplier: 100_000, levels: [0.95])
        let texts = try r.get()
        #expect(texts.methods[Int(method[0])] == "Exact" && texts.methods[Int(method[1])] == "Byars")
        #expect(value == [300, 250])
    }

    @Test func invalidRowsGoBackToTheCommand() {
        let (r, _, _, _, _, _) = run(.proportion, [12], [10], multiplier: 1, levels: [0.95])
        guard case let .failure(f) = r else { Issue.record("expected a failure"); return }
        #expect(f.status == 2)
        let (bad, _, _, _, _, _) = run(.proportion, [1], [10], multiplier: -1, levels: [0.95])
        guard case let .failure(usage) = bad else { Issue.record("expected a failure"); return }
        #expect(usage.status == 64)
        let (inf, _, _, _, _, _) = run(.rate, [.infinity], [10], multiplier: 1, levels: [0.95])
        guard case let .failure(f2) = inf else { Issue.record("expected a failure"); return }
        #expect(f2.status == 2)
    }
}
