import ArgumentParser
struct CIDSRCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "dsr") }
struct CIISRCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "isr") }
struct CIMeanCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "mean") }
struct CILifeExpectancyCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "life-expectancy") }
struct CIQuantileCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "quantile") }
struct FunnelCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "funnel") }
