import Foundation
import Testing
import EquityTestSupport

/// `equity trend` end to end: columns, values against the reference, errors.
@Suite struct TrendCommandTests {
    static let dir = CLI.fixture("luton_marmot/")
    static let files = ["--data", dir + "data.csv", "--indicators", dir + "indicators.csv"]

    @Test func trendLabels() throws {
        let r = try CLI.run(["trend"] + Self.files + ["--area", "E06000032"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "indicator_id,area_code,area_name,sex,age,trend,chi_squared,slope,points,method,latest_period,note")
        #expect(r.lines.count == 20)
        #expect(r.lines.contains { $0.hasPrefix("le_m,E06000032,Luton,,,Cannot be calculated,") })
    }

    @Test func apcColumns() throws {
        let r = try CLI.run(["trend"] + Self.files + ["--area", "E06000032", "--apc"])
        #expect(r.status == 0)
        #expect((try r.line(0)).hasSuffix(",note,apc,apc_lower95_0cl,apc_upper95_0cl,apc_points,apc_model"))
        let smoking = try #require(r.lines.first { $0.hasPrefix("smoking,") })
        #expect(smoking.hasSuffix(",5,logistic"))
    }
}
