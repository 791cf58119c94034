import Foundation
import Testing
import EquityTestSupport

/// Issue 9, items 12 and 13: option values and ranges, and smaller input-format defects.
@Suite struct FlagAndFormatTests {
    static let wards = CLI.fixture("ward_indicators.csv")
    static let columbus = CLI.fixture("boundaries/columbus.geojson")

    /// `--multiplier -1` and `--confidence -0.95` failed as "Missing value" (exit 64) unless
    /// written with `=`; now the value is read and judged on its range.
    @Test func negativeValuesAreReadAsValues() throws {
        let m = try CLI.run(["ci", "proportion", "--input", Self.wards, "--numerator", "smokers", "--denominator", "adults", "--multiplier", "-1"])
        #expect(m.status == 64)
        #expect(m.stderr.contains("--multiplier must be a positive number"))
        let c = try CLI.run(["ci", "proportion", "--input", Self.wards, "--numerator", "smokers", "--denominator", "adults", "--confidence", "-0.95"])
        #expect(c.status != 0)
        #expect(c.stderr.contains("confidence level -0.95 is not in (0, 1)"))
        let sii = try CLI.run(["sii", "--input", CLI.fixture("sii_deciles.csv"), "--group-by", "area", "--quantile-column", "decile",
                                    "--population", "population", "--value", "life_expectancy", "--lower-cl", "lowercl",
                                    "--upper-cl", "uppercl", "--multiplier", "-1", "--repetitions", "1000"])
        #expect(sii.status == 0) // a negative SII multiplier is meaningful (PHE inverts the RII)
        #expect((try sii.line(1)).hasPrefix("Luton,-8.12039270271773"))
    }

    /// `--multiplier=-1` in `ci` gave lower > upper.
    @Test func multiplierMustBePositiveForIntervals() throws {
        for command in [["ci", "proportion"], ["ci", "rate"]] {
            let r = try CLI.run(command + ["--input", Self.wards, "--numerator", "smokers", "--denominator", "adults", "--multiplier=-1"])
            #expect(r.status == 64, "\(command)")
        }
    }

    /// `lisa --alpha 1.5` and `--fdr --bonferroni` together were accepted.
    @Test func lisaOptionRules() throws {
        let base = ["lisa", "--polygons", Self.columbus, "--id-property", "POLYID", "--value-property", "CRIME"]
        let alpha = try CLI.run(base + ["--alpha", "1.5"])
        #expect(alpha.status == 64 && alpha.stderr.contains("--alpha must be between 0 and 1"))
        let both = try CLI.run(base + ["--fdr", "--bonferroni"])
        #expect(both.status == 64 && both.stderr.contains("give --fdr or --bonferroni, not both"))
        let map = try CLI.run(["lisa", "--input", CLI.fixture("deprivation/luton_lsoa11_iod2019.csv"), "--id", "lsoa11cd",
                                    "--value", "income_score", "--adjacency", CLI.fixture("adjacency/luton_lsoa11_bgc_queen_edges.csv"),
                                    "--map", "/tmp/never.svg"])
        #expect(map.status == 64 && map.stderr.contains("--map needs --polygons"))
    }

    /// `lisa --permutations 0` ran 999 while the help said "0 = none": now 0 means none.
    @Test func lisaWithoutPermutations() throws {
        let r = try CLI.run(["lisa", "--polygons", Self.columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--permutations", "0"])
        #expect(r.status == 0)
        #expect((try r.line(1)).hasSuffix(",LL,,Not tested"))
        let help = try CLI.run(["lisa", "--help"])
        #expect(help.stdout.contains("999 for lisa"))
    }

    /// `getis-ord --local --permutations N` ignored N: now each area gets a conditional
    /// randomisation p-value, seeded, the same on any number of threads.
    @Test func localGPermutations() throws {
        let args = ["getis-ord", "--polygons", Self.columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--local", "--star",
                    "--permutations", "999", "--seed", "4"]
        let r = try CLI.run(args)
        #expect(r.status == 0)
        #expect((try r.line(0)) == "id,value,G_star,z,p_one_sided,p_two_sided,p_sim,note,cluster")
        let p = r.lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] }
        #expect(p.allSatisfy { Double($0).map { $0 > 0 && $0 <= 1 } ?? false })
        let one = try CLI.run(args, environment: ["EQUITY_THREADS": "1"])
        #expect(one.stdout == r.stdout)
    }

    /// An empty decile stopped `twenty-twenty`: the row is kept out of the counts with a note.
    @Test func twentyTwentyMissingDecile() throws {
        let input = try CLI.temporaryFile("lsoa,la,decile\nA,L1,1\nB,L1,\nC,L1,10\nD,L1,2\n")
        let r = try CLI.run(["twenty-twenty", "--input", input, "--area-column", "la", "--decile", "decile"])
        #expect(r.status == 0)
        #expect((try r.line(1)) == "L1,3,2,1,1:2,0.3333333333333333,1,1,1:1,0,1 small area without a decile left out of the counts")
    }

    /// `compare` kept `""` escapes in area_name.
    @Test func compareUnescapesQuotedNames() throws {
        let data = try CLI.temporaryFile("""
        indicator_id,area_code,area_name,period,value,lowercl,uppercl
        i1,E1,"The ""Old"" Town",2022,10,9,11
        i1,E0,England,2022,12,11.5,12.5

        """)
        let meta = try CLI.temporaryFile("indicator_id,name,value_type,multiplier,polarity,benchmark\ni1,I,score,1,high_is_good,ci95\n",
                                              name: "meta.csv")
        let comparators = try CLI.temporaryFile("area_code,comparator,comparator_code\nE1,england,E0\n", name: "comparators.csv")
        let r = try CLI.run(["compare", "--data", data, "--indicators", meta, "--comparators", comparators])
        #expect(r.status == 0)
        #expect((try r.line(1)).hasPrefix("i1,E1,\"The \"\"Old\"\" Town\",,,,,2022,10,9,11,,,england,E0,England,12,Worse,R"))
    }

    /// CR-only files, and a CR inside a quoted field, reported wrong line numbers.
    @Test func carriageReturnLineNumbers() throws {
        let r = try CLI.run(["ci", "proportion", "--input", "-", "--numerator", "x", "--denominator", "n"],
                                 stdin: "a,x,n\r\"A\rb\",1,10\rB,x,10\r")
        #expect(r.status == 1)
        #expect(r.stderr == "<stdin>:4:2: 'x' in column 'x' is not a number\n")
    }

    /// A line break inside a field made an error span several lines.
    @Test func lineBreakInAFieldIsEscaped() throws {
        let r = try CLI.run(["ci", "proportion", "--input", "-", "--numerator", "x", "--denominator", "n"],
                                 stdin: "a,x,n\nA,\"1\n2\",10\n")
        #expect(r.status == 1)
        #expect(r.stderr == "<stdin>:2:2: '1\\n2' in column 'x' is not a number\n")
    }

    /// `ci mean` dropped missing values; PHE returns NA for the group (now the default).
    @Test func meanFollowsPHEOnMissingValues() throws {
        let r = try CLI.run(["ci", "mean", "--input", "-", "--value", "x"], stdin: "a,x\nA,1\nB,\nC,3\n")
        #expect(r.status == 0)
        #expect((try r.line(1)) == ",3,,,,,95%,mean,Student's t-distribution,1 missing value: mean not calculated (as PHE)")
        let dropped = try CLI.run(["ci", "mean", "--input", "-", "--value", "x", "--drop-missing"], stdin: "a,x\nA,1\nB,\nC,3\n")
        #expect((try dropped.line(1)).hasPrefix("4,2,1.4142135623730951,2,"))
        #expect((try dropped.line(1)).hasSuffix("1 missing value left out"))
    }
}
