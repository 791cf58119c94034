import Foundation
import Testing
import EquityTestSupport

/// `equity twenty-twenty` end to end: columns, values against the reference, errors.
@Suite struct TwentyTwentyCommandTests {
    @Test func twentyTwentyFromGzip() throws {
        let r = try CLI.run(["twenty-twenty", "--input", CLI.fixture("deprivation/england_lsoa11_iod2019.csv.gz"),
                                  "--area-name-column", "lad19nm"])
        #expect(r.status == 0)
        #expect(r.lines.count == 318)
        #expect(r.lines.contains("E06000032,Luton,121,34,10,10:34,0.19834710743801653,9,1,1:9,0.06611570247933884,"))
    }
}
