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
}
