// `import Equity` gives the whole library: the statistics of EquityCore and the readers,
// writers and tables of this module.
@_exported import EquityCore
