import Foundation
import Testing
import EquityTestSupport

/// End-to-end runs of the `equity` binary: the binding CLI contract of `equity ci` and
/// `equity funnel` (column names, exit status, `FILE:LINE:COLUMN` errors, atomic output).
@Suite struct CLITests {
    @Test func proportionTwoLevelsColumnsAndValues() throws {
        let path = try CLI.temporaryFile("area,x,n\nA,81,100\nB,,50\n\"C, quoted\",0,20\n")
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "n", "--confidence", "0.95,0.998"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "area,x,n,value,lower95_0cl,upper95_0cl,lower99_8cl,upper99_8cl,confidence,statistic,method,note")
        // methods.md worked value: Wilson 81/100.
        #expect((try r.line(1)).hasPrefix("A,81,100,0.81,0.72221154620"))
        #expect((try r.line(1)).hasSuffix(",\"95%, 99.8%\",proportion of 1,Wilson,"))
        #expect((try r.line(2)) == "B,,50,,,,,,\"95%, 99.8%\",proportion of 1,Wilson,numerator missing")
        #expect((try r.line(3)).hasPrefix("\"C, quoted\",0,20,0,0,"))
        #expect(r.lines.count == 4)
    }

    @Test func oneLevelUsesLowerclUppercl() throws {
        let r = try CLI.run(["ci", "rate", "--input", "-", "--numerator", "d", "--denominator", "p"], stdin: "d,p\n65,100000\n5,1000\n")
        #expect(r.status == 0)
        #expect((try r.line(0)) == "d,p,value,lowercl,uppercl,confidence,statistic,method,note")
        // methods.md: Byar's 65 → 50.1631877105–82.8491385459 (per 100,000 of 100,000 people).
        #expect((try r.line(1)).hasPrefix("65,100000,65,50.16318771"))
        #expect((try r.line(1)).hasSuffix(",95%,rate per 100000,Byars,"))
        #expect((try r.line(2)).contains(",Exact,"))
    }

    @Test func groupedProportionsMatchPHEWorkbook() throws {
        // PHE testdata_Prop_g: the Prop workbook's rows twice over, grouped by area.
        let source = try String(contentsOfFile: CLI.fixture("phe/testdata_Proportion__testdata_Prop.csv"), encoding: .utf8)
        var lines = source.split(separator: "\n").map(String.init)
        let header = "Area,Numerator,Denominator"
        lines = lines.dropFirst().filter { $0.hasSuffix(",1") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
        let doubled = ([header] + lines + lines).joined(separator: "\n") + "\n"
        let path = try CLI.temporaryFile(doubled)
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "Numerator", "--denominator", "Denominator", "--group-by", "Area"])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try String(contentsOfFile: CLI.fixture("phe/testdata_Proportion__testdata_Prop_g.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(r.lines.count == expected.count + 1)
        for (got, want) in zip(r.lines.dropFirst(), expected) {
            let g = got.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(g[0] == want[0])
            for k in 3...5 {
                if want[k].isEmpty { #expect(g[k].isEmpty) } else {
                    let a = Double(g[k])!, b = Double(want[k])!
                    #expect(abs(a - b) <= 1e-9 * abs(b), "\(want[0]) col \(k)")
                }
            }
        }
    }

    @Test func unknownColumnIsOneLineAndExitOne() throws {
        let path = try CLI.temporaryFile("a,b\n1,2\n")
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "b"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(path):1:1: unknown column 'x'; the header has: a, b\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func badValuesNameFileLineColumn() throws {
        let path = try CLI.temporaryFile("id,x,n\nA,1,10\nB,abc,10\n")
        var r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(path):3:2: 'abc' in column 'x' is not a number\n")
        let p2 = try CLI.temporaryFile("id,x,n\nA,1,10\nB,11,10\n")
        r = try CLI.run(["ci", "proportion", "--input", p2, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(p2):3:2: numerator 11 is greater than denominator 10"))
        let p3 = try CLI.temporaryFile("id,x,n\nA,-1,10\n")
        r = try CLI.run(["ci", "rate", "--input", p3, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(p3):2:2: numerator -1 is negative"))
        let p4 = try CLI.temporaryFile("id,x,n\nA,1\n")
        r = try CLI.run(["ci", "rate", "--input", p4, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(p4):2:"))
    }

    @Test func failedRunLeavesNoOutputFile() throws {
        let path = try CLI.temporaryFile("id,x,n\nA,1,10\nB,oops,10\n")
        let target = (path as NSString).deletingLastPathComponent + "/out.csv"
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "n", "--output", target])
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: target))
        let dir = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tmp") }.isEmpty)
        let ok = try CLI.run(["ci", "proportion", "--input", CLI.fixture("ward_indicators.csv"), "--numerator", "smokers",
                               "--denominator", "adults", "--output", target])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count == 22)
    }

    @Test(arguments: ["proportion", "rate", "dsr", "isr", "mean", "life-expectancy", "quantile"])
    func helpShowsAnExample(command: String) throws {
        let r = try CLI.run(["ci", command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example:"))
        #expect(r.stdout.contains("equity ci \(command)"))
    }

    @Test func funnelHelpAndRun() throws {
        #expect(try CLI.run(["funnel", "--help"]).stdout.contains("Example:"))
        let r = try CLI.run(["funnel", "--input", CLI.fixture("phe/testdata_funnel_prop_inputs.csv"), "--statistic", "proportion",
                              "--numerator", "numerator", "--denominator", "denominator"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "Area,numerator,denominator,significance,significance.1,note")
        // Our column equals PHE's expected significance on every row (the last fields; area
        // names may hold quoted commas).
        #expect(r.lines.count == 304)
        for line in r.lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[fields.count - 3] == fields[fields.count - 2], "\(line)")
        }
    }

    @Test func standardisedRatesFromTheCLI() throws {
        let dsr = try CLI.run(["ci", "dsr", "--input", CLI.fixture("phe/testdata_DSR_ISR__testdata_multiarea.csv"), "--group-by", "area",
                                "--numerator", "count", "--denominator", "pop", "--age-band", "ageband"])
        #expect(dsr.status == 0, "\(dsr.stderr)")
        #expect((try dsr.line(1)).hasPrefix("testdata_big,895,8970,10430.24799146942"))
        let isr = try CLI.run(["ci", "isr", "--input", CLI.fixture("phe/testdata_DSR_ISR__testdata_multiarea_isr.csv"), "--group-by", "area",
                                "--count", "count", "--population", "pop", "--reference-numerator", "refcount",
                                "--reference-denominator", "refpop", "--statistic", "ratio"])
        #expect(isr.status == 0)
        #expect((try isr.line(1)).hasPrefix("testdata_big,895,835.88356123117"))
        // Observed totals from a separate file (PHStatsMethods ISR_obs).
        let obs = try CLI.run(["ci", "isr", "--input", CLI.fixture("phe/PHStatsMethods__testdata_ISR_obs__df.csv"),
                                "--group-by", "indicatorid,year,sex", "--population", "pop", "--reference-numerator", "refcount",
                                "--reference-denominator", "refpop", "--statistic", "ratio",
                                "--observed-totals", CLI.fixture("phe/PHStatsMethods__testdata_ISR_obs__obs.csv")])
        #expect(obs.status == 0, "\(obs.stderr)")
        #expect(obs.lines.count == 41)
        #expect(obs.lines.contains { $0.hasPrefix("1234,2006,Male,2441,1963.3746396066") })
    }

    /// PHE's DSR error workbooks: negative count (err1), zero population (err2: a missing result
    /// with its reason rather than PHE's error), negative population (err3) and negative
    /// standard population (err4).
    @Test func dsrErrorWorkbooks() throws {
        func run(_ file: String, _ extra: [String]) throws -> CLI.Run {
            try CLI.run(["ci", "dsr", "--input", CLI.fixture("phe/" + file), "--count", "count", "--population", "pop"] + extra)
        }
        let std = ["--standard-population", "stdpop"]
        var r = try run("testdata_DSR_ISR__testdata_err1.csv", std)
        #expect(r.status == 1)
        #expect(r.stderr.contains("testdata_err1.csv:7:2: count -26 is negative"))
        r = try run("testdata_DSR_ISR__testdata_err3.csv", std)
        #expect(r.status == 1)
        #expect(r.stderr.contains("testdata_err3.csv:3:3: population -558 is negative"))
        r = try run("testdata_DSR_ISR__testdata_err4.csv", std)
        #expect(r.status == 1)
        #expect(r.stderr.contains("testdata_err4.csv:7:4: standard population -6000 is negative"))
        r = try run("testdata_DSR_ISR__testdata_err2.csv", ["--group-by", "area"])
        #expect(r.status == 0)
        #expect((try r.line(1)).hasSuffix(",dsr per 100000,Dobson,population is zero in age band 2"))
        #expect((try r.line(2)).hasPrefix("Area2,"))
    }

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
        #expect(q.lines.last!.hasSuffix(",,5,,lowest quantile represents highest values,value missing"))
    }
}

/// End-to-end runs of the inequality commands.
@Suite struct InequalityCLITests {
    @Test func siiSameSeedSameOutputAnyThreadCount() throws {
        let args = ["sii", "--input", CLI.fixture("sii_deciles.csv"), "--group-by", "area", "--quantile-column", "decile",
                    "--population", "population", "--value", "life_expectancy", "--lower-cl", "lowercl", "--upper-cl", "uppercl",
                    "--rii", "--seed", "42", "--repetitions", "20000"]
        let a = try CLI.run(args)
        #expect(a.status == 0, "\(a.stderr)")
        #expect((try a.line(0)) == "area,sii,sii_lower95_0cl,sii_upper95_0cl,rii,rii_lower95_0cl,rii_upper95_0cl,intercept,note")
        #expect(a.lines.count == 4)
        let b = try CLI.run(args)
        #expect(a.stdout == b.stdout)
        #expect(try CLI.run(["sii", "--help"]).stdout.contains("Example:"))
    }

    @Test func siiTooFewQuantilesIsAnError() throws {
        let path = try CLI.temporaryFile("q,pop,v,se\n1,10,5,1\n2,10,6,1\n3,10,7,1\n")
        let r = try CLI.run(["sii", "--input", path, "--quantile-column", "q", "--population", "pop", "--value", "v", "--se", "se"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("5 to 100 quantiles"))
    }

    @Test func twentyTwentyFromGzip() throws {
        let r = try CLI.run(["twenty-twenty", "--input", CLI.fixture("deprivation/england_lsoa11_iod2019.csv.gz"),
                                  "--area-name-column", "lad19nm"])
        #expect(r.status == 0)
        #expect(r.lines.count == 318)
        #expect(r.lines.contains("E06000032,Luton,121,34,10,10:34,0.19834710743801653,9,1,1:9,0.06611570247933884,"))
    }

    @Test func giniNegativeValueIsAnError() throws {
        let path = try CLI.temporaryFile("a,v\nX,1\nX,-2\n")
        let r = try CLI.run(["gini", "--input", path, "--value", "v"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(path):3:2: value -2 is negative"))
        let one = try CLI.run(["gini", "--input", try CLI.temporaryFile("a,v\nX,1\nY,2\nY,4\n"), "--value", "v", "--group-by", "a"])
        #expect(one.status == 0)
        #expect((try one.line(1)).hasPrefix("X,1,"))
        #expect((try one.line(1)).hasSuffix("fewer than 2 values"))
    }
}

/// End-to-end runs of the spatial commands (binding names and keys).
@Suite struct SpatialCLITests {
    static let luton = CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson")
    static let lutonValues = CLI.fixture("deprivation/luton_lsoa11_iod2019.csv")
    static let lutonQueen = CLI.fixture("adjacency/luton_lsoa11_bgc_queen_edges.csv")

    @Test func weightsPairsAndSummary() throws {
        let r = try CLI.run(["weights", "--polygons", Self.luton, "--id-property", "LSOA11CD", "--contiguity", "rook"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "id_a,id_b")
        #expect(r.lines.count == 322)
        #expect(r.lines.dropFirst().allSatisfy { line in let p = line.split(separator: ","); return p[0] < p[1] })
        #expect(r.stderr.contains("121 areas, 321 rook pairs, 0 islands, 1 connected component"))
    }

    @Test func moranJSONKeysAndValue() throws {
        let r = try CLI.run(["moran", "--input", Self.lutonValues, "--id", "lsoa11cd", "--value", "income_score",
                                  "--adjacency", Self.lutonQueen, "--permutations", "999", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        for key in ["n", "I", "expected_I", "variance_normality", "variance_randomisation", "z_normality", "z_randomisation",
                    "p_normality", "p_randomisation", "p_normality_two_sided", "p_randomisation_two_sided", "permutations",
                    "p_sim", "mean_sim", "sd_sim", "islands"] {
            #expect(r.stdout.contains("\"\(key)\": "), "\(key)")
        }
        #expect(r.stdout.contains("\"I\": 0.40887920232508"))
        #expect(r.stdout.contains("\"p_sim\": 0.001"))
        // Same numbers from polygons with the value as a CSV column, and with contiguity.
        let p = try CLI.run(["moran", "--input", Self.lutonValues, "--id", "lsoa11cd", "--value", "income_score",
                                  "--polygons", Self.luton, "--id-property", "LSOA11CD", "--format", "csv"])
        #expect((try p.line(1)).hasPrefix("121,0.40887920232508"))
    }

    @Test func lisaCSVAndMap() throws {
        let dir = (try CLI.temporaryFile("x")) as NSString
        let svg = dir.deletingLastPathComponent + "/lisa.svg"
        let r = try CLI.run(["lisa", "--input", Self.lutonValues, "--id", "lsoa11cd", "--value", "income_score",
                                  "--polygons", Self.luton, "--id-property", "LSOA11CD", "--permutations", "99", "--seed", "1",
                                  "--map", svg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try r.line(0)) == "id,value,z,lag,Ii,quadrant,p_sim,cluster")
        #expect(r.lines.count == 122)
        let map = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(map.hasPrefix("<?xml"))
        #expect(map.contains("<path") && map.contains("High–High"))
        #expect(!map.contains("http://") || map.contains("http://www.w3.org/2000/svg"))
    }

    @Test func getisOrdAndGeary() throws {
        let columbus = CLI.fixture("boundaries/columbus.geojson")
        let g = try CLI.run(["getis-ord", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME"])
        #expect(g.stdout.contains("\"G\": 0.12780745"))
        let local = try CLI.run(["getis-ord", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--local", "--star"])
        #expect((try local.line(0)) == "id,value,G_star,z,p_one_sided,p_two_sided,p_sim,note")
        #expect((try local.line(1)).contains(",-1.43277965"))
        let c = try CLI.run(["geary", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME"])
        #expect(c.stdout.contains("\"C\": 0.54052820"))
        let bv = try CLI.run(["moran", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--x", "INC"])
        #expect(bv.stdout.contains("\"I\": -0.45162268"))
    }

    @Test func badSpatialInputs() throws {
        // An area in the values missing from the neighbours, and one missing from the values.
        let extra = try CLI.temporaryFile("lsoa11cd,income_score\n" + (try String(contentsOfFile: Self.lutonValues, encoding: .utf8))
            .split(separator: "\n").dropFirst().map { line -> String in let f = line.split(separator: ",", omittingEmptySubsequences: false); return "\(f[0]),\(f[4])" }
            .joined(separator: "\n") + "\nE99999999,0.5\n")
        var r = try CLI.run(["moran", "--input", extra, "--id", "lsoa11cd", "--value", "income_score", "--polygons", Self.luton, "--id-property", "LSOA11CD"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("E99999999"))
        let constant = try CLI.temporaryFile("id,v\na,1\nb,1\nc,1\nd,1\n")
        let edges = try CLI.temporaryFile("a,b\na,b\nb,c\nc,d\n", name: "edges.csv")
        r = try CLI.run(["moran", "--input", constant, "--id", "id", "--value", "v", "--adjacency", edges])
        #expect(r.status == 1)
        #expect(r.stderr.contains("all values are equal"))
        let three = try CLI.temporaryFile("id,v\na,1\nb,2\nc,3\n")
        r = try CLI.run(["moran", "--input", three, "--id", "id", "--value", "v", "--adjacency", try CLI.temporaryFile("a,b\na,b\nb,c\n", name: "e.csv")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("at least 4"))
        let broken = try CLI.temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",", name: "b.geojson")
        r = try CLI.run(["weights", "--polygons", broken, "--id-property", "id"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("b.geojson"))
    }
}

/// End-to-end runs of compare, trend and report on the Luton demo data.
@Suite struct IndicatorCLITests {
    static let dir = CLI.fixture("luton_marmot/")
    static let files = ["--data", dir + "data.csv", "--indicators", dir + "indicators.csv"]

    @Test func compareColumnsAndRows() throws {
        let r = try CLI.run(["compare"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032"])
        #expect(r.status == 0, "\(r.stderr)")
        let header = (try r.line(0)).split(separator: ",").map(String.init)
        for column in ["indicator_id", "area_code", "period", "comparator", "comparator_code", "comparator_value", "comparison", "rag", "rank", "rank_of", "note"] {
            #expect(header.contains(column), "\(column)")
        }
        // Life expectancy, male, 2020-22: 77.0 (76.3–77.7) against England 78.9 → Worse, R.
        #expect(r.lines.contains { $0.hasPrefix("le_m,E06000032,Luton,,,2020-22,77,76.3,77.7,england,E92000001,78.9,Worse,R,") })
        #expect(r.lines.contains { $0.contains(",neighbours,15 neighbours,") && $0.contains(",11,16,") })
    }

    @Test func trendLabels() throws {
        let r = try CLI.run(["trend"] + Self.files + ["--area", "E06000032"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "indicator_id,area_code,area_name,sex,age,trend,chi_squared,slope,points,method,latest_period,note")
        #expect(r.lines.count == 20)
        #expect(r.lines.contains { $0.hasPrefix("le_m,E06000032,Luton,,,Cannot be calculated,") })
    }

    @Test func reportWritesThreeFiles() throws {
        let out = ((try CLI.temporaryFile("x")) as NSString).deletingLastPathComponent + "/report"
        let r = try CLI.run(["report"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("http"))
        #expect(html.contains("background:#d73027"))
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("| Life expectancy, male (years) | 2020-22 | 77 |"))
        #expect(try String(contentsOfFile: out + "/report.csv", encoding: .utf8).split(separator: "\n").count == 20)
    }

    @Test func unknownIndicatorAndMissingColumn() throws {
        let data = try CLI.temporaryFile("indicator_id,area_code,period,value,lowercl,uppercl\nle_m,A,2020,1,0.5,1.5\nnope,A,2021,1,0.5,1.5\n")
        var r = try CLI.run(["trend", "--data", data, "--indicators", Self.dir + "indicators.csv"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(data):3:1: unknown indicator_id 'nope' (not in the indicators file)\n")
        let noPeriod = try CLI.temporaryFile("indicator_id,area_code,year,value\nle_m,A,2020,1\n")
        r = try CLI.run(["trend", "--data", noPeriod, "--indicators", Self.dir + "indicators.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(noPeriod):1:1: unknown column 'period'"))
        let badPolarity = try CLI.temporaryFile("indicator_id,name,value_type,multiplier,polarity,benchmark\nx,X,proportion,100,sideways,ci95\n")
        r = try CLI.run(["trend", "--data", data, "--indicators", badPolarity])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(badPolarity):2:5: polarity 'sideways'"))
    }
}

@Suite struct TrendAPCCLITests {
    @Test func apcColumns() throws {
        let r = try CLI.run(["trend"] + IndicatorCLITests.files + ["--area", "E06000032", "--apc"])
        #expect(r.status == 0)
        #expect((try r.line(0)).hasSuffix(",note,apc,apc_lower95_0cl,apc_upper95_0cl,apc_points,apc_model"))
        let smoking = try #require(r.lines.first { $0.hasPrefix("smoking,") })
        #expect(smoking.hasSuffix(",5,logistic"))
    }
}
