import Foundation
import Testing
import EquityTestSupport

/// The DocC articles show only code that a test runs: every ```swift block of
/// `Sources/Equity/Equity.docc/*.md` appears, line for line (indentation aside), in
/// `ArticleExampleTests.swift`.
@Suite struct DocCArticleTests {
    static func normalised(_ text: String) -> [String] {
        text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func articleCodeIsTested() throws {
        let catalogue = Fixtures.packageRoot + "/Sources/Equity/Equity.docc"
        let tested = Self.normalised(try String(contentsOfFile: Fixtures.packageRoot + "/Tests/EquityTests/Docs/ArticleExampleTests.swift",
                                                encoding: .utf8))
        var blocks = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: catalogue).sorted() where name.hasSuffix(".md") {
            let text = try String(contentsOfFile: catalogue + "/" + name, encoding: .utf8)
            for (k, part) in text.components(separatedBy: "```swift\n").dropFirst().enumerated() {
                guard let code = part.components(separatedBy: "```").first else { continue }
                let lines = Self.normalised(code)
                let found = (0...(max(0, tested.count - lines.count))).contains { start in
                    Array(tested[start..<min(tested.count, start + lines.count)]) == lines
                }
                #expect(found, "\(name), block \(k + 1) is not in ArticleExampleTests")
                blocks += 1
            }
        }
        #expect(blocks == 5)
    }

    /// The README's library example is run by `ArticleExampleTests.readmeLibraryExample`: the same
    /// lines, with paths under `Fixtures/` written `Fixtures.path("…")` in the test.
    @Test func readmeCodeIsTested() throws {
        let test = try String(contentsOfFile: Fixtures.packageRoot + "/Tests/EquityTests/Docs/ArticleExampleTests.swift", encoding: .utf8)
        let tested = Self.normalised(test.replacingOccurrences(of: #"Fixtures\.path\("([^"]*)"\)"#, with: "\"Fixtures/$1\"",
                                                               options: .regularExpression))
        let readme = try String(contentsOfFile: Fixtures.packageRoot + "/README.md", encoding: .utf8)
        var blocks = 0
        for part in readme.components(separatedBy: "```swift\n").dropFirst() {
            guard let code = part.components(separatedBy: "```").first, code.contains("import Equity") else { continue }
            let lines = Self.normalised(code).filter { !$0.hasPrefix("import ") }
            let found = (0...(max(0, tested.count - lines.count))).contains { start in
                Array(tested[start..<min(tested.count, start + lines.count)]) == lines
            }
            #expect(found, "the README's library example is not in ArticleExampleTests")
            blocks += 1
        }
        #expect(blocks == 1)
    }
}
