// The `equity` executable: the commands live in EquityCommands (also run in-process by EquityC).
import EquityCommands

EquityCommand.main()
