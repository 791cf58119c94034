import Testing
@testable import EquityCore
import EquityTestSupport

/// Corrections for testing every area: Benjamini & Hochberg's (1995) worked example, and GeoDa's
/// Bonferroni and FDR cut-offs for its own local G pseudo p-values (pygeoda 0.1.3,
/// `Fixtures/reference/local_g_clusters_geoda.csv`, script beside it).
@Suite struct MultipleTestingTests {
    /// The fifteen p-values of Benjamini & Hochberg (1995, J. R. Statist. Soc. B 57: 289–300,
    /// §4.3): at q = 0.05 Bonferroni rejects three hypotheses and the FDR procedure four.
    static let benjaminiHochberg = [0.0201, 0.0001, 0.4262, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344, 0.0459,
                                    0.3240, 0.5719, 0.6528, 0.7590, 1.0000]

    @Test func benjaminiHochbergWorkedExample() {
        let p = Self.benjaminiHochberg
        let significant = { (c: MultipleTesting.Correction) in
            Set(zip(p, MultipleTesting.significant(p, alpha: 0.05, correction: c)).filter(\.1).map(\.0))
        }
        #expect(significant(.bonferroni) == [0.0001, 0.0004, 0.0019])
        #expect(significant(.fdr) == [0.0001, 0.0004, 0.0019, 0.0095])
        #expect(significant(.none) == [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459])
        #expect(MultipleTesting.threshold(p, alpha: 0.05, correction: .fdr) == 0.0095)
    }

    @Test func untestedAreasAreNeitherCountedNorSignificant() {
        // Two NaNs (islands, areas not tested) do not enlarge m: α/m stays 0.05/3.
        let p = [0.01, .nan, 0.02, .nan, 0.5]
        #expect(MultipleTesting.significant(p, alpha: 0.05, correction: .bonferroni) == [true, false, false, false, false])
        #expect(MultipleTesting.significant(p, alpha: 0.05, correction: .fdr) == [true, false, true, false, false])
        #expect(MultipleTesting.significant([.nan], alpha: 0.05, correction: .fdr) == [false])
        // None passes the FDR step: nothing is significant.
        #expect(MultipleTesting.significant([0.2, 0.3], alpha: 0.05, correction: .fdr) == [false, false])
    }

    @Test(arguments: ["columbus", "luton"]) func esdaAndGeoDaCutoffs(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/local_g_clusters_geoda.csv").filter { $0["data"] == name }
        for star in ["0", "1"] {
            let rows = ref.filter { $0["star"] == star }
            let p = rows.doubles("p_geoda")
            // esda's `fdr` (Benjamini–Hochberg step-up) and GeoDa's Bonferroni bound report the
            // cut-off kα/m and α/m: the same areas fall below it as at or below Equity's threshold.
            let fdr = MultipleTesting.significant(p, alpha: 0.05, correction: .fdr)
            #expect(fdr == p.map { $0 < rows.doubles("fdr_threshold_esda")[0] }, "\(name) star \(star) FDR")
            #expect(MultipleTesting.significant(p, alpha: 0.05, correction: .bonferroni) == p.map { $0 <= rows.doubles("bonferroni_threshold_geoda")[0] },
                    "\(name) star \(star) Bonferroni")
            // GeoDa's FDR filter steps down from the smallest p-value and stops at the first one
            // above its bound: never more areas than Benjamini–Hochberg's step-up (on Luton none
            // against BH's 10, as the smallest pseudo p-value 0.001 exceeds α/m = 0.00041).
            let geoda = p.map { $0 <= rows.doubles("fdr_threshold_geoda")[0] }
            #expect(zip(geoda, fdr).allSatisfy { !$0 || $1 }, "\(name) star \(star) GeoDa FDR")
            if name == "luton" { #expect(geoda.filter { $0 }.isEmpty && fdr.filter { $0 }.count == 10) }
        }
    }
}
