import Testing
@testable import EquityCore
import EquityTestSupport

/// Deprivation quantiles against PHEindicatormethods v2.1 `testdata_Quantiles` workbook: within-
/// region deciles (IndSexReg), septiles by indicator and sex (IndSex), quartiles overall (None).
@Suite struct QuantilesTests {
    @Test func pheWorkbook() throws {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_Quantiles__testdata_Quantiles.csv"))
            .filter { $0["Test"] != "BadPolarity" }
        let sets: [(String, Int, [String])] = [("IndSexReg", 10, ["IndSexRef", "ParentCode"]),
                                                ("IndSex", 7, ["IndSexRef"]), ("None", 4, [])]
        var checked = 0
        for (set, nq, keys) in sets {
            let s = t.filter { $0["GroupSet"] == set }
            var groups: [String: [Int]] = [:]
            for (i, row) in s.rows.enumerated() {
                let key = try keys.map { row[try #require(s.header.firstIndex(of: $0))] }.joined(separator: "|")
                groups[key, default: []].append(i)
            }
            let values = s.doubles("Value"), expected = s.doubles("QuantileInGrp"), polarity = s.column("Polarity")
            for (_, members) in groups {
                let pol = polarity[members[0]]
                // The workbook codes polarity as text; PHE's test data maps "Low is good" to invert = TRUE.
                let invert = set == "None" ? true : (pol == "RAG - Low is good" || pol == "True")
                let q = try Quantiles(count: nq, invert: invert).assign(members.map { values[$0] })
                for (k, i) in members.enumerated() {
                    #expect(close(q[k], expected[i], relative: 0), "\(set) row \(i): \(q[k]) vs \(expected[i])")
                    checked += 1
                }
            }
        }
        #expect(checked == 982)
    }

    @Test func tooFewAreasAndMissing() throws {
        let q = try Quantiles(count: 5)
        #expect(q.assign([1, 2, 3]).allSatisfy { $0.isNaN })
        let r = try Quantiles(count: 2, invert: false).assign([1, .nan, 3, 4, 2])
        #expect(r[1].isNaN)
        #expect(r[0] == 1 && r[3] == 2)
    }
}
