import Foundation
import Testing
import EquityTestSupport

/// Every public declaration of the library carries a `///` comment (the method and its
/// reference where it computes something), and the version string has one source.
@Suite struct DocumentationTests {
    static func sources(_ module: String) -> [String] {
        let root = Fixtures.packageRoot + "/Sources/" + module
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { root + "/" + $0 }.sorted()
    }

    @Test func everyPublicDeclarationIsDocumented() throws {
        var undocumented: [String] = []
        var checked = 0
        let declaration = try Regex(#"^(@\w+(\([^)]*\))?\s+)*public\s+(?!import|extension)"#)
        for path in Self.sources("EquityCore") + Self.sources("Equity") {
            let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            for (i, line) in lines.enumerated() {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard text.firstMatch(of: declaration) != nil else { continue }
                checked += 1
                var j = i - 1
                while j >= 0 && lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("@") { j -= 1 }
                let previous = j >= 0 ? lines[j].trimmingCharacters(in: .whitespaces) : ""
                if !previous.hasPrefix("///") && !previous.hasSuffix("*/") {
                    undocumented.append("\(path.replacingOccurrences(of: Fixtures.packageRoot + "/", with: "")):\(i + 1): \(text.prefix(90))")
                }
            }
        }
        #expect(checked > 650)
        #expect(undocumented.isEmpty, "\(undocumented.count) undocumented:\n\(undocumented.joined(separator: "\n"))")
    }
}
