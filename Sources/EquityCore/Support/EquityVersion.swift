/// The version of Equity: the one place it is written. The CLI's `--version`, the README, the
/// CHANGELOG's latest entry and the git tag agree with it (a test checks the CHANGELOG).
public enum EquityVersion {
    /// Semantic version of this release.
    public static let string = "0.2.1"
}
