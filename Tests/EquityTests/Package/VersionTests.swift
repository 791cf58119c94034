import Foundation
import Testing
import EquityTestSupport
import Equity

/// One source of the version string: the CHANGELOG's latest release and the CLI agree with
/// `EquityVersion.string`.
@Suite struct VersionTests {
    @Test func changelogNamesTheVersion() throws {
        let changelog = try String(contentsOfFile: Fixtures.packageRoot + "/CHANGELOG.md", encoding: .utf8)
        let latest = try #require(changelog.components(separatedBy: "\n").first { $0.hasPrefix("## ") })
        #expect(latest.hasPrefix("## \(EquityVersion.string) "), "\(latest)")
    }

    @Test func licenceIsApache() throws {
        let licence = try String(contentsOfFile: Fixtures.packageRoot + "/LICENSE", encoding: .utf8)
        #expect(licence.contains("Apache License") && licence.contains("Version 2.0"))
    }
}
