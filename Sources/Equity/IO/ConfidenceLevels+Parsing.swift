extension ConfidenceLevels {
    /// Parses a comma-separated list such as `0.95,0.998` or `95,99.8`.
    public init(parsing text: String) throws {
        var values: [Double] = []
        for part in text.split(separator: ",") {
            guard case let .number(v) = NumberParsing.parse(String(part)) else {
                throw EquityError.invalidArgument("confidence level \(MessageText.quoted(part)) is not a number")
            }
            values.append(v)
        }
        try self.init(values)
    }

}
