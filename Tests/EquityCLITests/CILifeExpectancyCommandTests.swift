import Foundation
import Testing
import EquityTestSupport

/// `equity ci life-expectancy` end to end: columns, values against the reference, errors.
@Suite struct CILifeExpectancyCommandTests {
    @Test func lifeExpectancyMeanAndQuantile() throws {
        let le = try CLI.run(["ci", "life-expectancy", "--input", CLI.fixture("life_expectancy.csv"), "--group-by", "area",
                               "--deaths", "deaths", "--population", "population", "--start-age", "startage", "--le-age", "0"])
        #expect(le.status == 0, "\(le.stderr)")
        #expect((try le.line(1)).hasPrefix("PHE example,0,17,7060,80.1696081"))
        let mean = try CLI.run(["ci", "mean", "--input", CLI.fixture("phe/testdata_Mean__testdata_Mean.csv"), "--value", "values",
                                 "--group-by", "area"])
        #expect((try mean.line(1)).hasPrefix("Area1,429.63476"))
        let q = try CLI.run(["ci", "quantile", "--input", CLI.fixture("ward_indicators.csv"), "--value", "smokers", "--nquantiles", "5"])
        #expect(q.status == 0)
        #expect(try #require(q.lines.last).hasSuffix(",,5,,lowest quantile represents highest values,value missing"))
    }
}
